package dev.qwen3vl.input.image;

/**
 * The marker structure of a JPEG, walked without decoding: frame components and ids, JFIF and Adobe markers
 * (which decide the colour space the way libjpeg does), progressive or multi-scan coding, and whether the
 * end-of-image marker is present.
 *
 * @param components components of the frame (0 if no frame header was found)
 * @param componentIds their ids
 * @param jfif whether a JFIF APP0 marker was seen
 * @param adobeTransform the Adobe APP14 transform flag, or -1 without that marker
 * @param progressive whether the frame is progressive
 * @param firstScanComponents components of the first scan, or -1 if none was found
 * @param endMarker whether the end-of-image marker was reached
 */
record JpegStructure(int components, int[] componentIds, boolean jfif, int adobeTransform, boolean progressive,
        int firstScanComponents, boolean endMarker) {

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int APP0 = 0xE0;
    private static final int APP14 = 0xEE;

    /** Walks the markers of {@code d}; stops at the end-of-image marker or at the end of the data. */
    static JpegStructure parse(byte[] d) {
        int components = 0;
        int[] ids = new int[0];
        boolean jfif = false;
        int adobe = -1;
        boolean progressive = false;
        int firstScan = -1;
        boolean end = false;
        int pos = 2;
        while (pos + 1 < d.length) {
            if ((d[pos] & 0xff) != 0xff) {
                pos++;
                continue;
            }
            int marker = d[pos + 1] & 0xff;
            if (marker == 0xff) {
                pos++;
                continue;
            }
            if (marker == EOI) {
                end = true;
                break;
            }
            if (marker == 0x00 || marker == 0x01 || marker == SOI || (marker >= 0xD0 && marker <= 0xD7)) {
                pos += 2;
                continue;
            }
            if (pos + 3 >= d.length) {
                break;
            }
            int length = ((d[pos + 2] & 0xff) << 8) | (d[pos + 3] & 0xff);
            int seg = pos + 4;
            int segEnd = pos + 2 + length;
            if (length < 2 || segEnd > d.length) {
                break;
            }
            if (marker == APP0 && length - 2 >= 14 && startsWith(d, seg, "JFIF\0")) {
                jfif = true;
            } else if (marker == APP14 && length - 2 >= 12 && startsWith(d, seg, "Adobe")) {
                adobe = d[seg + 11] & 0xff;
            } else if (isFrameHeader(marker) && length - 2 >= 6) {
                progressive = marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE;
                components = d[seg + 5] & 0xff;
                ids = new int[components];
                for (int i = 0; i < components && seg + 6 + 3 * i < segEnd; i++) {
                    ids[i] = d[seg + 6 + 3 * i] & 0xff;
                }
            } else if (marker == SOS && length - 2 >= 1 && firstScan < 0) {
                firstScan = d[seg] & 0xff;
            }
            pos = segEnd;
            if (marker == SOS) {
                pos = skipEntropyData(d, pos);
            }
        }
        return new JpegStructure(components, ids, jfif, adobe, progressive, firstScan, end);
    }

    /** Whether libjpeg must read every scan before any row comes out (so a missing end marker is fatal). */
    boolean needsAllScans() {
        return progressive || (firstScanComponents >= 0 && firstScanComponents < components);
    }

    /** libjpeg's choice for 3 components: RGB only for Adobe transform 0 or ids 'R','G','B' without JFIF. */
    boolean isYCbCr() {
        if (jfif) {
            return true;
        }
        if (adobeTransform >= 0) {
            return adobeTransform != 0;
        }
        return !(componentIds.length == 3 && componentIds[0] == 'R' && componentIds[1] == 'G'
                && componentIds[2] == 'B');
    }

    private static boolean isFrameHeader(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /** The position of the first marker after entropy-coded data (stuffed bytes and restart markers skipped). */
    private static int skipEntropyData(byte[] d, int pos) {
        while (pos + 1 < d.length) {
            if ((d[pos] & 0xff) == 0xff) {
                int next = d[pos + 1] & 0xff;
                if (next != 0x00 && !(next >= 0xD0 && next <= 0xD7) && next != 0xff) {
                    return pos;
                }
                pos += next == 0xff ? 1 : 2;
            } else {
                pos++;
            }
        }
        return d.length;
    }

    private static boolean startsWith(byte[] d, int offset, String ascii) {
        if (offset + ascii.length() > d.length) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (d[offset + i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
