package dev.qwen3vl.inference;

import dev.qwen3vl.input.image.ImageSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one embedding is made of, or one side (query or document) of a reranker pair: any number of texts,
 * images and videos. The prompt always lists videos, then images, then texts (the reference's fixed order);
 * empty content becomes the text {@code NULL}.
 */
public final class MultimodalContent {

    private final List<String> texts;
    private final List<ImageSource> images;
    private final List<VideoInput> videos;

    private MultimodalContent(Builder b) {
        this.texts = List.copyOf(b.texts);
        this.images = List.copyOf(b.images);
        this.videos = List.copyOf(b.videos);
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Just a text. */
    public static MultimodalContent text(String text) {
        return builder().text(text).build();
    }

    /** Just an image. */
    public static MultimodalContent image(ImageSource image) {
        return builder().image(image).build();
    }

    /** Just a video. */
    public static MultimodalContent video(VideoInput video) {
        return builder().video(video).build();
    }

    /** The texts in order. */
    public List<String> texts() {
        return texts;
    }

    /** The images in order. */
    public List<ImageSource> images() {
        return images;
    }

    /** The videos in order. */
    public List<VideoInput> videos() {
        return videos;
    }

    /** Whether there is nothing (rendered as NULL). */
    public boolean isEmpty() {
        return texts.isEmpty() && images.isEmpty() && videos.isEmpty();
    }

    @Override
    public String toString() {
        return "MultimodalContent[texts=" + texts.size() + ", images=" + images.size() + ", videos=" + videos.size()
                + "]";
    }

    /** Collects texts, images and videos. */
    public static final class Builder {
        private final List<String> texts = new ArrayList<>();
        private final List<ImageSource> images = new ArrayList<>();
        private final List<VideoInput> videos = new ArrayList<>();

        private Builder() {}

        /** Adds a text. */
        public Builder text(String text) {
            texts.add(Objects.requireNonNull(text, "text"));
            return this;
        }

        /** Adds an image. */
        public Builder image(ImageSource image) {
            images.add(Objects.requireNonNull(image, "image"));
            return this;
        }

        /** Adds a video. */
        public Builder video(VideoInput video) {
            videos.add(Objects.requireNonNull(video, "video"));
            return this;
        }

        /** The content. */
        public MultimodalContent build() {
            return new MultimodalContent(this);
        }
    }
}
