package io.migratepages.images;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The dynamic section of a 64-bit little-endian ELF file: the libraries it needs (DT_NEEDED) and
 * where it looks for them (DT_RUNPATH, DT_RPATH), as the dynamic loader reads them.
 */
record ElfDynamic(List<String> needed, List<String> runpath) {

  private static final int SHT_DYNAMIC = 6;
  private static final long DT_NEEDED = 1;
  private static final long DT_RPATH = 15;
  private static final long DT_RUNPATH = 29;

  static boolean isElf(byte[] bytes) {
    return bytes.length > 64
        && bytes[0] == 0x7f
        && bytes[1] == 'E'
        && bytes[2] == 'L'
        && bytes[3] == 'F';
  }

  /** Reads FILE's dynamic section; an ELF without one (static) needs nothing. */
  static ElfDynamic of(String name, byte[] file) {
    if (file[4] != 2 || file[5] != 1) {
      throw new IllegalArgumentException(name + " is not a 64-bit little-endian ELF file");
    }
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    long shoff = b.getLong(0x28);
    int shentsize = Short.toUnsignedInt(b.getShort(0x3A));
    int shnum = Short.toUnsignedInt(b.getShort(0x3C));
    List<String> needed = new ArrayList<>();
    List<String> runpath = new ArrayList<>();
    for (int i = 0; i < shnum; i++) {
      int sh = (int) (shoff + (long) i * shentsize);
      if (b.getInt(sh + 4) != SHT_DYNAMIC) {
        continue;
      }
      int dynOffset = (int) b.getLong(sh + 0x18);
      int dynSize = (int) b.getLong(sh + 0x20);
      int link = b.getInt(sh + 0x28);
      int strtab = (int) b.getLong((int) (shoff + (long) link * shentsize) + 0x18);
      for (int d = dynOffset; d + 16 <= dynOffset + dynSize; d += 16) {
        long tag = b.getLong(d);
        long value = b.getLong(d + 8);
        if (tag == 0) {
          break;
        }
        if (tag == DT_NEEDED) {
          needed.add(string(file, strtab + (int) value));
        } else if (tag == DT_RUNPATH || tag == DT_RPATH) {
          runpath.addAll(List.of(string(file, strtab + (int) value).split(":")));
        }
      }
    }
    return new ElfDynamic(needed, runpath);
  }

  private static String string(byte[] file, int offset) {
    int end = offset;
    while (file[end] != 0) {
      end++;
    }
    return new String(file, offset, end - offset, StandardCharsets.UTF_8);
  }
}
