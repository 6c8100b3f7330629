#!/usr/bin/python3
"""Writes the .npy/.npz test files of tests/data/npy (see README.md there) with NumPy itself.

Run once with a Python that has NumPy (Debian: /usr/bin/python3 with python3-numpy):
    /usr/bin/python3 tests/data/npy/make_npy_files.py [OUTPUT_DIR]
The values are simple formulas of i = 0..N-1 that the C++ tests restate independently (test_npy_reader.cpp).
The corrupt files (bad_*) are written by hand (header text, zip records) on purpose.
"""
import io
import os
import struct
import sys
import zipfile

import numpy as np

out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
os.makedirs(out, exist_ok=True)


def path(name):
    return os.path.join(out, name)


i24 = np.arange(24)
# Every supported dtype, shape (2, 3, 4), little-endian (single-byte types: '|').
DTYPE_VALUES = {
    "f2": (i24 - 12) * 0.5,
    "f4": (i24 - 12) * 0.25,
    "f8": (i24 - 12) * 0.25,
    "i1": i24 - 12,
    "i2": i24 - 12,
    "i4": (i24 - 12) * 100000,
    "i8": (i24 - 12) * 2**40,
    "u1": i24 * 10,
    "u2": i24 * 1000,
    "u4": i24 * 100000,
    "u8": i24 * 2**40,
    "b1": i24 % 3 == 0,
}
for code, values in DTYPE_VALUES.items():
    np.save(path(f"dtype_{code}.npy"), values.astype("<" + code).reshape(2, 3, 4))

# Big-endian: the same formulas as the little-endian files.
for code in ("f2", "f4", "f8", "i2", "i4", "i8", "u2", "u4", "u8"):
    np.save(path(f"be_{code}.npy"), DTYPE_VALUES[code].astype(">" + code).reshape(2, 3, 4))

# fortran_order True: the values in C order are 0..23 (and 0..59); stored column-major.
np.save(path("fortran_f4.npy"), np.asfortranarray(np.arange(24, dtype="<f4").reshape(2, 3, 4)))
np.save(path("fortran_be_i2.npy"), np.asfortranarray(np.arange(60, dtype=">i2").reshape(3, 4, 5)))

# Format versions 2.0 and 3.0 (4-byte header length): arange(24) as float32, shape (2, 3, 4).
for version in ((2, 0), (3, 0)):
    with open(path(f"v{version[0]}_f4.npy"), "wb") as f:
        np.lib.format.write_array(f, np.arange(24, dtype="<f4").reshape(2, 3, 4), version=version)

np.save(path("rank0_f4.npy"), np.array(3.5, dtype="<f4"))
np.save(path("empty_f4.npy"), np.zeros((0, 3), dtype="<f4"))

# Samples: value = 100 + i ([3, 4, 5]), i ([1, 3, 4, 5]); npz: 200 + i (savez), 300 + i (savez_compressed).
i60 = np.arange(60, dtype="<f4")
np.save(path("sample_3x4x5.npy"), (100 + i60).reshape(3, 4, 5))
np.save(path("sample_1x3x4x5.npy"), i60.reshape(1, 3, 4, 5))
np.save(path("sample_4x5x6_u1.npy"), np.arange(120, dtype="u1").reshape(4, 5, 6))
np.savez(path("savez_one.npz"), x=(200 + i60).reshape(3, 4, 5))
np.savez_compressed(path("savez_compressed_one.npz"), (300 + i60).reshape(3, 4, 5))  # member arr_0.npy
np.savez(path("savez_two.npz"), image=(200 + i60).reshape(3, 4, 5), label=np.array(7))
np.savez_compressed(path("savez_compressed_two.npz"), image=(300 + i60).reshape(3, 4, 5), label=np.array(7))


# --- corrupt files ---------------------------------------------------------------------------------------
def npy_with_header(header_text, data=b""):
    """A version 1.0 .npy with the given header dict text (padded like numpy pads) and data."""
    header = header_text.encode("latin1")
    padding = 64 - (10 + len(header) + 1) % 64
    header += b" " * padding + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header + data


def write(name, data):
    with open(path(name), "wb") as f:
        f.write(data)


with open(path("sample_3x4x5.npy"), "rb") as f:
    good = f.read()
write("bad_truncated.npy", good[:-10])  # 230 of 240 data bytes
write("bad_trailing.npy", good + good)  # two arrays np.save'd into one file
# 2**62 one-byte elements: no overflow, but far more data than the 16 bytes present.
write("bad_huge_shape.npy", npy_with_header("{'descr': '|u1', 'fortran_order': False, 'shape': (2147483648, 2147483648), }", b"\0" * 16))
# 2**96 elements: the byte count overflows 64 bits.
write("bad_overflow_shape.npy", npy_with_header("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296, 4294967296), }", b"\0" * 16))
write("bad_dict.npy", npy_with_header("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4, 5) ", b"\0" * 240))
write("bad_missing_shape.npy", npy_with_header("{'descr': '<f4', 'fortran_order': False, }", b"\0" * 4))
write("bad_negative_dim.npy", npy_with_header("{'descr': '<f4', 'fortran_order': False, 'shape': (-1, 4), }", b"\0" * 16))
np.save(path("bad_object.npy"), np.array([1, "a", None], dtype=object), allow_pickle=True)
np.save(path("bad_complex.npy"), np.arange(3, dtype="<c8"))
np.save(path("bad_structured.npy"), np.zeros(2, dtype=[("a", "<f4"), ("b", "<i2")]))
np.save(path("bad_string.npy"), np.array(["ab", "cd"]))

# savez_one.npz with one byte of the array data flipped: the headers are intact, only the CRC-32 tells.
with open(path("savez_one.npz"), "rb") as f:
    archive = bytearray(f.read())
with zipfile.ZipFile(path("savez_one.npz")) as z:
    info = z.infolist()[0]
    member = z.read(info)
local_name_len, local_extra_len = struct.unpack("<HH", archive[info.header_offset + 26:info.header_offset + 30])
data_start = info.header_offset + 30 + local_name_len + local_extra_len
last_value = data_start + len(member) - 1  # the last byte of the last float
archive[last_value] ^= 0x40
write("bad_crc.npz", bytes(archive))


# One stored member whose central directory entry declares 5 GiB (zip64 extra field); 64 real bytes.
def huge_member_zip():
    name = b"x.npy"
    data = npy_with_header("{'descr': '|u1', 'fortran_order': False, 'shape': (8,), }", b"\0" * 8)
    crc = zipfile.crc32(data)
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 0, 0, 0x21, crc, len(data), len(data), len(name), 0) + name
    five_gib = 5 << 30
    extra = struct.pack("<HHQQ", 1, 16, five_gib, five_gib)
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 0, 0, 0x21, crc, 0xFFFFFFFF, 0xFFFFFFFF,
                          len(name), len(extra), 0, 0, 0, 0, 0) + name + extra
    cd_offset = len(local) + len(data)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), cd_offset, 0)
    return local + data + central + end


write("bad_huge_member.npz", huge_member_zip())

print(f"numpy {np.__version__}: wrote {len(os.listdir(out))} files to {out}")
