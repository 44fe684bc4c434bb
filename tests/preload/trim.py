# What Python services do to give memory back (ctypes, glibc's
# malloc_trim) and to tune glibc (mallopt): lists of strings made and
# dropped around the calls.
import ctypes
libc = ctypes.CDLL(None)  # the global scope: what the program links
keep = [bytes(3000) for _ in range(300)]
drop = [bytes(5000) for _ in range(400)]
del drop
libc.malloc_trim(0)
libc.mallopt(-3, 1 << 20)      # M_MMAP_THRESHOLD
big = [bytes(300000) for _ in range(3)]
del keep
libc.malloc_trim(65536)
