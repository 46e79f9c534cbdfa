package dev.qwen3vl.testing;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded mutation engine for hostile-input tests: each call of {@link #next()} picks a seed input and applies one
 * to four mutations (bit flips, interesting byte and 16/32-bit values in both byte orders, inserted, deleted,
 * duplicated or swapped ranges, truncation, splices of two seeds). The sequence depends only on the seed, so a
 * failing input is reproduced by its number.
 */
public final class Mutator {

    private static final int[] INTERESTING_8 = {0, 1, 0x7f, 0x80, 0xff, 0x10, 0x20, 0x40};
    private static final long[] INTERESTING_32 = {0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000,
        0x3fff_ffffL, 0x7fff_ffffL, 0x8000_0000L, 0xffff_ffffL, 16384, 65535, 1_000_000};

    private final List<byte[]> seeds;
    private final SplittableRandom random;

    /**
     * @param seeds valid inputs to start from (not modified)
     * @param seed  seeds the sequence of mutations
     */
    public Mutator(List<byte[]> seeds, long seed) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("at least one seed input is needed");
        }
        this.seeds = List.copyOf(seeds);
        this.random = new SplittableRandom(seed);
    }

    /** The next mutated input. */
    public byte[] next() {
        byte[] data = seeds.get(random.nextInt(seeds.size())).clone();
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            data = mutate(data);
        }
        return data;
    }

    private byte[] mutate(byte[] d) {
        if (d.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        int at = random.nextInt(d.length);
        switch (random.nextInt(11)) {
            case 0 -> d[at] ^= (byte) (1 << random.nextInt(8));
            case 1 -> d[at] = (byte) INTERESTING_8[random.nextInt(INTERESTING_8.length)];
            case 2 -> d[at] = (byte) random.nextInt(256);
            case 3 -> putInt(d, at, INTERESTING_32[random.nextInt(INTERESTING_32.length)], random.nextBoolean(),
                    random.nextBoolean() ? 2 : 4);
            case 4 -> {
                // add or subtract a small amount from a 16-bit field (lengths and sizes)
                int v = ((d[at] & 0xff) << 8 | (at + 1 < d.length ? d[at + 1] & 0xff : 0)) + random.nextInt(-16, 17);
                putInt(d, at, v & 0xffff, true, 2);
            }
            case 5 -> {
                return Arrays.copyOf(d, at);
            }
            case 6 -> {
                int len = 1 + random.nextInt(Math.min(64, d.length - at));
                byte[] out = new byte[d.length - len];
                System.arraycopy(d, 0, out, 0, at);
                System.arraycopy(d, at + len, out, at, d.length - at - len);
                return out;
            }
            case 7 -> {
                int len = 1 + random.nextInt(Math.min(256, d.length - at));
                int to = random.nextInt(d.length + 1);
                byte[] out = new byte[d.length + len];
                System.arraycopy(d, 0, out, 0, to);
                System.arraycopy(d, at, out, to, len);
                System.arraycopy(d, to, out, to + len, d.length - to);
                return out;
            }
            case 8 -> {
                int len = 1 + random.nextInt(Math.min(32, d.length - at));
                int to = random.nextInt(d.length - len + 1);
                byte[] tmp = Arrays.copyOfRange(d, at, at + len);
                System.arraycopy(d, to, d, at, len);
                System.arraycopy(tmp, 0, d, to, len);
            }
            case 9 -> {
                byte[] other = seeds.get(random.nextInt(seeds.size()));
                int from = random.nextInt(other.length);
                byte[] out = Arrays.copyOf(d, at + other.length - from);
                System.arraycopy(other, from, out, at, other.length - from);
                return out;
            }
            default -> {
                int len = 1 + random.nextInt(Math.min(16, d.length - at));
                Arrays.fill(d, at, at + len, (byte) (random.nextBoolean() ? 0 : 0xff));
            }
        }
        return d;
    }

    private static void putInt(byte[] d, int at, long v, boolean bigEndian, int width) {
        for (int i = 0; i < width && at + i < d.length; i++) {
            int shift = bigEndian ? 8 * (width - 1 - i) : 8 * i;
            d[at + i] = (byte) (v >>> shift);
        }
    }
}
