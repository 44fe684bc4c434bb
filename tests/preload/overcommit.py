# Requests the heuristic overcommit refuses, one that it grants, and a
# realloc that cannot grow: Python asks malloc and reports MemoryError.
for n in (40 << 40, 1 << 30, 30 << 30):
    try:
        b = bytearray(n)
        b = None
    except MemoryError:
        pass
s = bytearray(100000)
try:
    s.extend(bytes(0) for _ in ())
    s *= 1 << 30
except MemoryError:
    pass
