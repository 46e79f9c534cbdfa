package dev.qwen3vl.langchain4j;

import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.VideoContent;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.data.video.Video;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.qwen3vl.inference.MultimodalContent;
import dev.qwen3vl.inference.VideoInput;
import dev.qwen3vl.input.image.ImageSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Maps LangChain4j content (TEXT, IMAGE, VIDEO parts, or a {@link TextSegment} with {@link Qwen3VlMetadata} keys)
 * to {@link MultimodalContent}. Base64 videos are written to temporary files, deleted by {@link #close()}.
 */
final class ContentMapper implements AutoCloseable {

    private final List<Path> temporaryFiles = new ArrayList<>();

    /** Content parts in any order; the prompt puts videos, images, then texts, as the reference does. */
    MultimodalContent map(List<Content> contents) {
        MultimodalContent.Builder b = MultimodalContent.builder();
        for (Content c : contents) {
            if (c instanceof TextContent t) {
                b.text(t.text());
            } else if (c instanceof ImageContent i) {
                b.image(image(i.image()));
            } else if (c instanceof VideoContent v) {
                b.video(video(v.video()));
            } else {
                throw new UnsupportedFeatureException("Qwen3-VL embeds TEXT, IMAGE and VIDEO content, not "
                        + c.type());
            }
        }
        return b.build();
    }

    /** Whether the segment names an image or a video in its metadata. */
    static boolean hasMedia(TextSegment segment) {
        return segment.metadata().containsKey(Qwen3VlMetadata.IMAGE)
                || segment.metadata().containsKey(Qwen3VlMetadata.VIDEO);
    }

    /** A segment's text plus the image and video named in its metadata, as content parts. */
    static List<Content> contents(TextSegment segment) {
        List<Content> out = new ArrayList<>();
        String image = segment.metadata().getString(Qwen3VlMetadata.IMAGE);
        String video = segment.metadata().getString(Qwen3VlMetadata.VIDEO);
        if (video != null) {
            out.add(VideoContent.from(fileUri(video)));
        }
        if (image != null) {
            out.add(ImageContent.from(image));
        }
        if (!segment.text().isBlank() || out.isEmpty()) {
            out.add(TextContent.from(segment.text()));
        }
        return out;
    }

    static ImageSource image(Image image) {
        if (image.url() != null) {
            return ImageSource.parse(image.url().toString());
        }
        if (image.base64Data() != null) {
            String mime = image.mimeType() != null ? image.mimeType() : "image/png";
            return ImageSource.ofDataUri("data:" + mime + ";base64," + image.base64Data());
        }
        throw new UnsupportedFeatureException("ImageContent must have either a URL or base64 data");
    }

    private VideoInput video(Video video) {
        if (video.url() != null) {
            URI url = video.url();
            if (url.getScheme() == null || url.getScheme().equals("file")) {
                return VideoInput.ofFile(url.getScheme() == null ? Paths.get(url.toString()) : Paths.get(url));
            }
            throw new UnsupportedFeatureException("VideoContent must be a local file (path or file: URI) or base64 "
                    + "data; download " + url.getScheme() + " URLs first");
        }
        if (video.base64Data() != null) {
            try {
                Path tmp = Files.createTempFile("qwen3vl-video-", suffix(video.mimeType()));
                temporaryFiles.add(tmp);
                Files.write(tmp, Base64.getDecoder().decode(video.base64Data()));
                return VideoInput.ofFile(tmp);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot store the base64 video in a temporary file", e);
            }
        }
        throw new UnsupportedFeatureException("VideoContent must have either a URL or base64 data");
    }

    private static URI fileUri(String ref) {
        return ref.startsWith("file:") ? URI.create(ref) : Paths.get(ref).toAbsolutePath().toUri();
    }

    private static String suffix(String mime) {
        if (mime == null) {
            return ".mp4";
        }
        int slash = mime.indexOf('/');
        return slash < 0 ? ".mp4" : "." + mime.substring(slash + 1).replaceAll("[^A-Za-z0-9]", "");
    }

    /** Deletes the temporary files. */
    @Override
    public void close() {
        for (Path p : temporaryFiles) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover temporary file is harmless
            }
        }
    }
}
