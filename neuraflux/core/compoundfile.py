"""Microsoft's Compound File Binary format (OLE2 structured storage: the container of .doc, .xls,
.ppt and .msg files) read with the standard library: the file's streams by name.

A compound file is a little file system in one file: a header, a file allocation table (FAT) of
sector chains, a directory of storages and streams, and a mini stream (with its own mini FAT) that
holds the streams smaller than 4,096 bytes in 64-byte sectors. Every chain is followed with a
bound on its length, so a damaged or hostile file ends in a DataError, never a loop.
"""
import struct

from .errors import DataError

SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_STREAM_BYTES = 256 * 1024 ** 2
_END_OF_CHAIN, _FREE = 0xFFFFFFFE, 0xFFFFFFFF
_STORAGE, _STREAM, _ROOT = 1, 2, 5


def is_compound_file(data):
    return data[:8] == SIGNATURE


class CompoundFile:
    """The streams of a compound file's bytes: `stream(path)`, `names(storage)`, `storages(storage)`."""

    def __init__(self, data):
        if not is_compound_file(data) or len(data) < 512:
            raise DataError("not a compound file (OLE2): its signature is missing")
        self.data = data
        sector_shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
        if sector_shift not in (9, 12) or mini_shift != 6:
            raise DataError(f"a compound file with {1 << min(sector_shift, 31)}-byte sectors is not one Office writes")
        self.sector_size, self.mini_size = 1 << sector_shift, 1 << mini_shift
        (fat_sectors, directory_start, _, self.mini_cutoff, mini_fat_start, mini_fat_sectors, difat_start,
         difat_sectors) = struct.unpack_from("<IIIIIIII", data, 0x2C)
        self.sector_count = max(0, -(-(len(data) - self.sector_size) // self.sector_size))
        self.fat = self._fat(fat_sectors, difat_start, difat_sectors)
        self.entries = self._directory(directory_start)
        root = self.entries[0] if self.entries and self.entries[0][1] == _ROOT else None
        if root is None:
            raise DataError("a compound file without its root entry")
        self.top = self._children(0)
        self.mini_stream = self._chain_bytes(root[2], root[3]) if root[3] else b""
        self.mini_fat = self._table(self._chain_bytes(mini_fat_start, mini_fat_sectors * self.sector_size)) \
            if mini_fat_sectors and mini_fat_start < _END_OF_CHAIN - 2 else []

    def names(self, storage=""):
        """The names of the streams at the top of the file, or in the storage `storage` (a path:
        "__attach_version1.0_#00000000"), not those of the storages inside it."""
        return [self.entries[i][0] for i in self._entries_in(storage) if self.entries[i][1] == _STREAM]

    def storages(self, storage=""):
        """The names of the storages (folders) at the top of the file, or in the storage `storage`."""
        return [self.entries[i][0] for i in self._entries_in(storage) if self.entries[i][1] == _STORAGE]

    def stream(self, path):
        """The bytes of the stream at `path` ("WordDocument", "storage/stream"; names
        case-insensitive), or None when there is none."""
        *folders, name = path.split("/")
        for i in self._entries_in("/".join(folders)):
            entry_name, kind, start, size = self.entries[i][:4]
            if kind == _STREAM and entry_name.lower() == name.lower():
                if size > MAX_STREAM_BYTES:
                    raise DataError(f"a stream over {MAX_STREAM_BYTES // 1024 ** 2} MB")
                if size < self.mini_cutoff:
                    return self._mini_chain_bytes(start, size)
                return self._chain_bytes(start, size)
        return None

    def _entries_in(self, storage):
        """The entry numbers of the storage at the path `storage` ("" the root), or []."""
        entries = self.top
        for folder in filter(None, storage.split("/")):
            found = next((i for i in entries if self.entries[i][1] == _STORAGE
                          and self.entries[i][0].lower() == folder.lower()), None)
            if found is None:
                return []
            entries = self._children(found)
        return entries

    def _children(self, parent):
        """The entry numbers of a storage's children: the tree its child pointer roots, walked by
        the left and right sibling pointers (each entry visited once, however the file links them)."""
        found, waiting, seen = [], [self.entries[parent][6]], set()
        while waiting:
            i = waiting.pop()
            if i >= len(self.entries) or i in seen:
                continue
            seen.add(i)
            found.append(i)
            waiting += [self.entries[i][4], self.entries[i][5]]
        return sorted(found)

    def _sector(self, number):
        offset = (number + 1) * self.sector_size
        if offset >= len(self.data):
            raise DataError(f"sector {number} is past the end of the file")
        return self.data[offset:offset + self.sector_size]

    @staticmethod
    def _table(raw):
        return list(struct.unpack(f"<{len(raw) // 4}I", raw[:len(raw) // 4 * 4]))

    def _fat(self, fat_sectors, difat_start, difat_sectors):
        """The file allocation table: the header's 109 FAT sector numbers, then those of the DIFAT chain."""
        numbers = list(struct.unpack_from("<109I", self.data, 0x4C))
        sector, seen = difat_start, 0
        while sector < _END_OF_CHAIN - 2 and seen < difat_sectors and seen <= self.sector_count:
            entries = self._table(self._sector(sector))
            numbers += entries[:-1]
            sector, seen = entries[-1], seen + 1
        numbers = [n for n in numbers[:fat_sectors] if n < _END_OF_CHAIN - 2]
        return self._table(b"".join(self._sector(n) for n in numbers))

    def _chain(self, start, table, limit):
        """The sector numbers of the chain from `start` through `table`, at most `limit` of them."""
        chain, sector = [], start
        while sector not in (_END_OF_CHAIN, _FREE):
            if sector >= len(table) or len(chain) >= limit:
                raise DataError("a broken sector chain in the compound file")
            chain.append(sector)
            sector = table[sector]
        return chain

    def _chain_bytes(self, start, size):
        count = -(-size // self.sector_size)
        chain = self._chain(start, self.fat, count + 1) if count else []
        return b"".join(self._sector(n) for n in chain)[:size]

    def _mini_chain_bytes(self, start, size):
        count = -(-size // self.mini_size)
        chain = self._chain(start, self.mini_fat, count + 1) if count else []
        parts = [self.mini_stream[n * self.mini_size:(n + 1) * self.mini_size] for n in chain]
        out = b"".join(parts)[:size]
        if len(out) < size:
            raise DataError("a stream runs past the compound file's mini stream")
        return out

    def _directory(self, start):
        """[(name, kind, start sector, size, left, right, child), …] of the directory entries, in
        their order (a missing sibling or child is 0xFFFFFFFF)."""
        raw = b"".join(self._sector(n) for n in self._chain(start, self.fat, self.sector_count + 1))
        entries = []
        for offset in range(0, len(raw) - 127, 128):
            name_bytes = struct.unpack_from("<H", raw, offset + 64)[0]
            kind = raw[offset + 66]
            left, right, child = struct.unpack_from("<III", raw, offset + 68)
            start_sector, size = struct.unpack_from("<IQ", raw, offset + 116)
            if self.sector_size == 512:
                size &= 0xFFFFFFFF  # version 3 files leave the high half undefined
            name = raw[offset:offset + max(0, min(name_bytes, 64) - 2)].decode("utf-16-le", "replace")
            entries.append((name, kind, start_sector, size, left, right, child))
        return entries
