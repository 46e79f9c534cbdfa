package dev.qwen3vl.input.image;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link ImageLoader} accepts and how {@link ImagePreprocessor} sizes images. Immutable; build with
 * {@link #builder()} or take {@link #defaults()}.
 *
 * <p>Defaults:
 * <ul>
 *   <li>{@code maxPixels} 100,000,000 — the largest width × height an image may declare in its header; checked
 *       before any pixel is decoded (a decompression-bomb guard). Pillow, used by the reference, refuses images
 *       above 178,956,970 pixels and warns above 89,478,485; 100 megapixels keeps the decoded image
 *       (up to 4 bytes a pixel while decoding plus 3 for the RGB copy) well under a gigabyte.</li>
 *   <li>{@code maxAspectRatio} 200 — longer side / shorter side, the reference's own limit
 *       ({@link SmartResize#MAX_ASPECT_RATIO}); it may be lowered, not raised.</li>
 *   <li>{@code maxBytes} 64 MiB — the size of the encoded input (file, bytes, decoded data URI, download).</li>
 *   <li>{@code allowUrlFetch} false — http(s) URLs are refused unless enabled.</li>
 *   <li>{@code urlTimeout} 10 s — connect timeout, and the limit for the whole download of one URL including
 *       redirects.</li>
 *   <li>{@code maxRedirects} 5.</li>
 *   <li>{@code allowPrivateAddresses} false — downloads from loopback, link-local, private (RFC 1918, fc00::/7),
 *       carrier-grade NAT, multicast and unspecified addresses are refused. Enable only for tests or trusted
 *       internal networks: it opens the loader to server-side request forgery.</li>
 *   <li>{@code minPixels} 4,096 and {@code maxResizedPixels} 1,843,200 — the pixel-count bounds of
 *       {@code smart_resize} used by the reference for both models.</li>
 * </ul>
 */
public final class ImageLimits {

    private static final ImageLimits DEFAULTS = builder().build();

    private final long maxPixels;
    private final double maxAspectRatio;
    private final long maxBytes;
    private final boolean allowUrlFetch;
    private final Duration urlTimeout;
    private final int maxRedirects;
    private final boolean allowPrivateAddresses;
    private final long minPixels;
    private final long maxResizedPixels;

    private ImageLimits(Builder b) {
        this.maxPixels = b.maxPixels;
        this.maxAspectRatio = b.maxAspectRatio;
        this.maxBytes = b.maxBytes;
        this.allowUrlFetch = b.allowUrlFetch;
        this.urlTimeout = b.urlTimeout;
        this.maxRedirects = b.maxRedirects;
        this.allowPrivateAddresses = b.allowPrivateAddresses;
        this.minPixels = b.minPixels;
        this.maxResizedPixels = b.maxResizedPixels;
    }

    /** The default limits (see the class description). */
    public static ImageLimits defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these limits. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxPixels = maxPixels;
        b.maxAspectRatio = maxAspectRatio;
        b.maxBytes = maxBytes;
        b.allowUrlFetch = allowUrlFetch;
        b.urlTimeout = urlTimeout;
        b.maxRedirects = maxRedirects;
        b.allowPrivateAddresses = allowPrivateAddresses;
        b.minPixels = minPixels;
        b.maxResizedPixels = maxResizedPixels;
        return b;
    }

    /** Largest width × height an image may declare. */
    public long maxPixels() {
        return maxPixels;
    }

    /** Largest ratio of the longer to the shorter side. */
    public double maxAspectRatio() {
        return maxAspectRatio;
    }

    /** Largest encoded input in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    /** Whether http(s) URLs may be downloaded. */
    public boolean allowUrlFetch() {
        return allowUrlFetch;
    }

    /** Connect timeout and overall time limit of one download. */
    public Duration urlTimeout() {
        return urlTimeout;
    }

    /** Most redirects followed for one URL. */
    public int maxRedirects() {
        return maxRedirects;
    }

    /** Whether downloads may reach loopback, private, link-local and similar addresses. */
    public boolean allowPrivateAddresses() {
        return allowPrivateAddresses;
    }

    /** Lower pixel-count bound of the resize ({@code min_pixels}). */
    public long minPixels() {
        return minPixels;
    }

    /** Upper pixel-count bound of the resize ({@code max_pixels}). */
    public long maxResizedPixels() {
        return maxResizedPixels;
    }

    @Override
    public String toString() {
        return "ImageLimits{maxPixels=" + maxPixels + ", maxAspectRatio=" + maxAspectRatio + ", maxBytes=" + maxBytes
                + ", allowUrlFetch=" + allowUrlFetch + ", urlTimeout=" + urlTimeout + ", maxRedirects=" + maxRedirects
                + ", allowPrivateAddresses=" + allowPrivateAddresses + ", minPixels=" + minPixels
                + ", maxResizedPixels=" + maxResizedPixels + '}';
    }

    /** Builds {@link ImageLimits}; every setter checks its value. */
    public static final class Builder {
        private long maxPixels = 100_000_000L;
        private double maxAspectRatio = SmartResize.MAX_ASPECT_RATIO;
        private long maxBytes = 64L * 1024 * 1024;
        private boolean allowUrlFetch;
        private Duration urlTimeout = Duration.ofSeconds(10);
        private int maxRedirects = 5;
        private boolean allowPrivateAddresses;
        private long minPixels = 4_096;
        private long maxResizedPixels = 1_843_200;

        private Builder() {}

        /** Largest width × height an image may declare (positive). */
        public Builder maxPixels(long maxPixels) {
            this.maxPixels = positive("maxPixels", maxPixels);
            return this;
        }

        /** Largest longer/shorter side ratio, between 1 and {@link SmartResize#MAX_ASPECT_RATIO}. */
        public Builder maxAspectRatio(double maxAspectRatio) {
            if (!(maxAspectRatio >= 1.0 && maxAspectRatio <= SmartResize.MAX_ASPECT_RATIO)) {
                throw new IllegalArgumentException("maxAspectRatio must be between 1 and "
                        + SmartResize.MAX_ASPECT_RATIO + " (the model's limit), got " + maxAspectRatio);
            }
            this.maxAspectRatio = maxAspectRatio;
            return this;
        }

        /** Largest encoded input in bytes (positive). */
        public Builder maxBytes(long maxBytes) {
            this.maxBytes = positive("maxBytes", maxBytes);
            return this;
        }

        /** Whether http(s) URLs may be downloaded. */
        public Builder allowUrlFetch(boolean allowUrlFetch) {
            this.allowUrlFetch = allowUrlFetch;
            return this;
        }

        /** Connect timeout and overall limit of one download (positive). */
        public Builder urlTimeout(Duration urlTimeout) {
            Objects.requireNonNull(urlTimeout, "urlTimeout");
            if (urlTimeout.isNegative() || urlTimeout.isZero()) {
                throw new IllegalArgumentException("urlTimeout must be positive, got " + urlTimeout);
            }
            this.urlTimeout = urlTimeout;
            return this;
        }

        /** Most redirects followed (0 or more). */
        public Builder maxRedirects(int maxRedirects) {
            if (maxRedirects < 0) {
                throw new IllegalArgumentException("maxRedirects must not be negative, got " + maxRedirects);
            }
            this.maxRedirects = maxRedirects;
            return this;
        }

        /**
         * Whether downloads may reach loopback, private, link-local and similar addresses. For tests and trusted
         * internal networks only.
         */
        public Builder allowPrivateAddresses(boolean allowPrivateAddresses) {
            this.allowPrivateAddresses = allowPrivateAddresses;
            return this;
        }

        /** Lower pixel-count bound of the resize (positive). */
        public Builder minPixels(long minPixels) {
            this.minPixels = positive("minPixels", minPixels);
            return this;
        }

        /** Upper pixel-count bound of the resize (positive). */
        public Builder maxResizedPixels(long maxResizedPixels) {
            this.maxResizedPixels = positive("maxResizedPixels", maxResizedPixels);
            return this;
        }

        /** The limits; fails if {@code minPixels > maxResizedPixels}. */
        public ImageLimits build() {
            if (minPixels > maxResizedPixels) {
                throw new IllegalArgumentException(
                        "minPixels (" + minPixels + ") exceeds maxResizedPixels (" + maxResizedPixels + ")");
            }
            return new ImageLimits(this);
        }

        private static long positive(String name, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }
    }
}
