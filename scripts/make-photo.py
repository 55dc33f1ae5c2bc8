#!/usr/bin/env python3
"""Make assets/photos/astronaut-128.ppm, the photo the convolution lessons filter.

Source: `skimage/data/astronaut.png` (512×512 RGB) from the scikit-image wheel on PyPI — Eileen
Collins, NASA, "no known copyright restrictions, released into the public domain" (scikit-image's
`skimage.data.astronaut` docstring). Shrunk 4× by averaging 4×4 blocks to 128×128, written as binary
PPM (P6), which the page parses in a few lines of Rust. Needs only the standard library:

    pip download --no-deps --only-binary=:all: scikit-image   # any recent version
    unzip -j scikit_image-*.whl skimage/data/astronaut.png
    python3 scripts/make-photo.py astronaut.png assets/photos/astronaut-128.ppm
"""
import struct
import sys
import zlib


def read_png_rgb(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert (depth, colour, interlace) == (8, 2, 0), "expects 8-bit RGB, not interlaced"
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, bpp, stride = zlib.decompress(idat), 3, width * 3
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return width, height, rows


def main(src, dst, k=4):
    w, h, rows = read_png_rgb(src)
    out = bytearray()
    for y in range(0, h, k):
        for x in range(0, w, k):
            for ch in range(3):
                out.append(round(sum(rows[y + j][(x + i) * 3 + ch] for j in range(k) for i in range(k)) / (k * k)))
    open(dst, "wb").write(b"P6\n%d %d\n255\n" % (w // k, h // k) + bytes(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
