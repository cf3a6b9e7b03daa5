#!/usr/bin/env python3
"""A process whose memory shrinks on request, for the kernel tests' unmap-mid-move case.

    unmapper.py READY_FILE SIZE_MIB

Maps SIZE_MIB of private anonymous memory (placed by the caller's policy, e.g. numactl --membind=0),
touches every page, writes its pid to READY_FILE, and sleeps. On SIGUSR1 it unmaps the upper half of
the mapping and writes READY_FILE.unmapped. (memhog cannot do this, and changing memhog.c would
invalidate every NUMA VM cache.)
"""
import ctypes
import os
import signal
import sys

PROT_READ_WRITE = 0x1 | 0x2
MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20

ready, size = sys.argv[1], int(sys.argv[2]) << 20
libc = ctypes.CDLL(None, use_errno=True)
libc.mmap.restype = ctypes.c_void_p
libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_long]
libc.munmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
address = libc.mmap(None, size, PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0)
if address in (None, ctypes.c_void_p(-1).value):
    sys.exit("mmap failed: errno %d" % ctypes.get_errno())
ctypes.memset(address, 1, size)


def unmap_upper_half(signum, frame):
    if libc.munmap(address + size // 2, size // 2) != 0:
        sys.exit("munmap failed: errno %d" % ctypes.get_errno())
    with open(ready + ".unmapped", "w") as done:
        done.write("%d MiB unmapped at %#x\n" % (size >> 21, address + size // 2))


signal.signal(signal.SIGUSR1, unmap_upper_half)
with open(ready + ".tmp", "w") as f:
    f.write("%d\n" % os.getpid())
os.rename(ready + ".tmp", ready)
while True:
    signal.pause()
