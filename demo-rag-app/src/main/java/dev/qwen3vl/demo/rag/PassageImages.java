package dev.qwen3vl.demo.rag;

import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.qwen3vl.demo.config.DemoConfig;
import dev.qwen3vl.demo.media.MediaStore;
import dev.qwen3vl.demo.media.Thumbnails;
import dev.qwen3vl.input.RgbImage;
import dev.qwen3vl.input.image.ImageLoader;
import dev.qwen3vl.input.image.ImageSource;
import dev.qwen3vl.input.image.InvalidImageException;
import dev.qwen3vl.input.video.VideoDecodingException;
import dev.qwen3vl.input.video.VideoFileDecoder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pictures of the passages, for a chat model that accepts images: the rendered page of a PDF passage, the
 * picture of an image passage and frames sampled evenly from a video passage (with their times), in passage order,
 * each as a PNG data URL (scaled to {@code demo.chat.image-max-side}) after a text part that names its passage, at
 * most {@code demo.chat.max-images} images.
 */
@ApplicationScoped
public class PassageImages {

    private static final Logger LOG = LoggerFactory.getLogger(PassageImages.class);
    private static final String MEDIA_URL_PREFIX = "/api/media/";

    private final MediaStore media;
    private final int maxImages;
    private final int videoFrames;
    private final int maxSide;
    private final ImageLoader loader = new ImageLoader();

    /**
     * @param media  where the pictures and videos are
     * @param config the limits
     */
    @Inject
    public PassageImages(MediaStore media, DemoConfig config) {
        this.media = media;
        this.maxImages = config.chat().maxImages();
        this.videoFrames = config.chat().videoFrames();
        this.maxSide = config.chat().imageMaxSide();
    }

    /**
     * @param passages the passages, numbered from 1 in this order
     * @return alternating labels and images; empty when no passage has a picture
     */
    public List<Content> of(List<Passage> passages) {
        List<Content> parts = new ArrayList<>();
        int images = 0;
        for (int i = 0; i < passages.size() && images < maxImages; i++) {
            Passage p = passages.get(i);
            Optional<Path> file = mediaFile(p);
            if (file.isEmpty()) {
                continue;
            }
            String label = "Passage [" + (i + 1) + "] (" + CitationPrompt.sourceLabel(p) + ")";
            try {
                if ("video".equals(p.kind())) {
                    for (Frame frame : frames(file.get(), Math.min(videoFrames, maxImages - images))) {
                        parts.add(TextContent.from(label + String.format(Locale.ROOT, ", frame at %.1f s:",
                                frame.seconds())));
                        parts.add(png(Thumbnails.toBufferedImage(frame.image())));
                        images++;
                    }
                } else {
                    RgbImage image = loader.load(ImageSource.ofPath(file.get()));
                    parts.add(TextContent.from(label + ("pdf".equals(p.kind()) ? ", the page:" : ", the picture:")));
                    parts.add(png(Thumbnails.toBufferedImage(image)));
                    images++;
                }
            } catch (InvalidImageException | VideoDecodingException e) {
                LOG.warn("Passage [{}] ({}): its picture cannot be sent to the chat model: {}", i + 1, p.source(),
                        e.getMessage());
            }
        }
        return parts;
    }

    /** A sampled video frame and its time. */
    private record Frame(RgbImage image, double seconds) {
    }

    /** {@code n} frames at the middles of n equal parts of the video. */
    private static List<Frame> frames(Path video, int n) {
        try (VideoFileDecoder decoder = VideoFileDecoder.open(video)) {
            int count = decoder.frameCount();
            int[] indices = new int[Math.min(n, count)];
            for (int k = 0; k < indices.length; k++) {
                indices[k] = (int) ((k + 0.5) * count / indices.length);
            }
            List<RgbImage> images = decoder.decode(indices);
            List<Frame> frames = new ArrayList<>(indices.length);
            for (int k = 0; k < indices.length; k++) {
                frames.add(new Frame(images.get(k), decoder.fps() > 0 ? indices[k] / decoder.fps() : 0));
            }
            return frames;
        }
    }

    private Optional<Path> mediaFile(Passage p) {
        if (p.mediaUrl() == null || !p.mediaUrl().startsWith(MEDIA_URL_PREFIX)) {
            return Optional.empty();
        }
        return media.find(p.mediaUrl().substring(MEDIA_URL_PREFIX.length()));
    }

    private ImageContent png(BufferedImage image) {
        return ImageContent.from(Base64.getEncoder().encodeToString(Thumbnails.scaledPng(image, maxSide)),
                "image/png");
    }
}
