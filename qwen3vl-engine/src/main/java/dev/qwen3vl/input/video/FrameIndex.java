package dev.qwen3vl.input.video;

import java.util.Arrays;

/**
 * The frames of a video stream as the reference's reader (decord) numbers them: one frame per packet of the
 * stream, frame {@code i} being the packet with the {@code i}-th smallest presentation timestamp.
 */
final class FrameIndex {

    private final long[] timestamps;
    private final int[] keyFrames;
    private final boolean timestamped;

    private FrameIndex(long[] timestamps, int[] keyFrames, boolean timestamped) {
        this.timestamps = timestamps;
        this.keyFrames = keyFrames;
        this.timestamped = timestamped;
    }

    /**
     * The index of a stream from its packets in file order.
     *
     * @param packetTimestamps presentation (else decoding) timestamp of each packet, {@code missing} if none
     * @param key whether each packet starts a key frame
     * @param count number of packets
     * @param missing the value of an absent timestamp
     */
    static FrameIndex of(long[] packetTimestamps, boolean[] key, int count, long missing) {
        long[] sorted = Arrays.copyOf(packetTimestamps, count);
        Arrays.sort(sorted);
        boolean timestamped = count > 0;
        for (int i = 0; i < count && timestamped; i++) {
            timestamped = sorted[i] != missing && (i == 0 || sorted[i] != sorted[i - 1]);
        }
        if (!timestamped) {
            return new FrameIndex(sorted, new int[0], false);
        }
        int[] keys = new int[count];
        int n = 0;
        for (int p = 0; p < count; p++) {
            if (key[p]) {
                keys[n++] = Arrays.binarySearch(sorted, packetTimestamps[p]);
            }
        }
        int[] keyFrames = Arrays.stream(keys, 0, n).sorted().distinct().toArray();
        return new FrameIndex(sorted, keyFrames, true);
    }

    /** Number of frames. */
    int frameCount() {
        return timestamps.length;
    }

    /** Whether every frame has its own timestamp, so that frames can be found by seeking. */
    boolean timestamped() {
        return timestamped;
    }

    /** Timestamp of frame {@code i} (stream time base). */
    long timestamp(int i) {
        return timestamps[i];
    }

    /** The frame with timestamp {@code ts}, or −1 if there is none (or frames have no own timestamps). */
    int frameAt(long ts) {
        if (!timestamped) {
            return -1;
        }
        int i = Arrays.binarySearch(timestamps, ts);
        return i >= 0 ? i : -1;
    }

    /** The last key frame at or before frame {@code i}, or 0 if there is none. */
    int keyFrameAtOrBefore(int i) {
        int p = Arrays.binarySearch(keyFrames, i);
        if (p >= 0) {
            return keyFrames[p];
        }
        int insertion = -p - 1;
        return insertion == 0 ? 0 : keyFrames[insertion - 1];
    }
}
