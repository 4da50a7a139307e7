#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when the Flatpak manifest breaks one of Aplomb's packaging rules:
# the sandbox has no network and no file-system access (the application
# works offline and gets files through the portal), every downloaded
# source is pinned by a checksum or a commit, and the application module
# runs its tests.
#
# Usage: check-flatpak-policy.py MANIFEST

import json
import sys

FORBIDDEN_PREFIXES = ("--share=network", "--filesystem", "--socket=session-bus",
                      "--socket=system-bus", "--device=all")


def check_finish_args(manifest):
    return ["finish-args: %s is not allowed" % arg
            for arg in manifest.get("finish-args", [])
            if arg.startswith(FORBIDDEN_PREFIXES)]


def check_source(module, source):
    kind = source.get("type")
    name = module["name"]
    if kind in ("archive", "file") and "url" in source and "sha256" not in source:
        return ["%s: %s source %s has no sha256" % (name, kind, source["url"])]
    if kind == "git" and "url" in source and "commit" not in source:
        return ["%s: git source %s is not pinned to a commit" % (name, source["url"])]
    return []


def check_modules(manifest):
    errors = []
    app_module = None
    for module in manifest.get("modules", []):
        if isinstance(module, str):
            errors.append("module %s is in a separate file: keep the manifest in one file" % module)
            continue
        for source in module.get("sources", []):
            errors += check_source(module, source)
        app_module = module
    if app_module is None or app_module.get("name") != "aplomb":
        errors.append("the last module must be aplomb")
    elif not app_module.get("run-tests", False):
        errors.append("aplomb: run-tests must be true")
    return errors


def main():
    path = sys.argv[1]
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)
    errors = check_finish_args(manifest) + check_modules(manifest)
    for error in errors:
        print("%s: %s" % (path, error), file=sys.stderr)
    if not errors:
        print("%s: offline sandbox, %d modules, every download pinned, tests enabled"
              % (path, len(manifest["modules"])))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
