package dev.qwen3vl.demo.ingest;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.qwen3vl.demo.media.MediaStore;
import dev.qwen3vl.demo.media.Thumbnails;
import dev.qwen3vl.input.RgbImage;
import dev.qwen3vl.input.video.VideoDecodingException;
import dev.qwen3vl.input.video.VideoFileDecoder;
import dev.qwen3vl.langchain4j.Qwen3VlMetadata;
import java.nio.file.Path;
import java.util.List;

/**
 * A short video becomes one chunk: its file name as text, the clip as {@link Qwen3VlMetadata#VIDEO} (the models sample
 * its frames). The middle frame, decoded with FFmpeg, is the thumbnail.
 */
public final class VideoExtractor implements ChunkExtractor {

    /** Metadata key of the clip's duration in seconds. */
    public static final String DURATION = "duration_s";

    private final MediaStore media;

    /**
     * @param media where the video and its thumbnail go
     */
    public VideoExtractor(MediaStore media) {
        this.media = media;
    }

    @Override
    public List<TextSegment> extract(SourceFile file) {
        String mediaId = file.sha256() + "." + FileKind.extension(file.name());
        String thumbId = file.sha256() + "-thumb.png";
        Path stored = media.copy(mediaId, file.path());
        double duration;
        try (VideoFileDecoder decoder = VideoFileDecoder.open(stored)) {
            RgbImage middle = decoder.decode(new int[] {decoder.frameCount() / 2}).get(0);
            media.put(thumbId, Thumbnails.png(middle));
            duration = decoder.fps() > 0 ? decoder.frameCount() / decoder.fps() : 0;
        } catch (VideoDecodingException e) {
            throw new IllegalArgumentException("'" + file.name() + "' cannot be decoded as a video: "
                    + e.getMessage(), e);
        }
        Metadata metadata = Metadata.from(Qwen3VlMetadata.VIDEO, stored.toString())
                .put(ChunkMetadata.MEDIA, mediaId)
                .put(ChunkMetadata.THUMBNAIL, thumbId)
                .put(DURATION, Math.round(duration * 10) / 10.0);
        return List.of(TextSegment.from("Video " + file.name(), metadata));
    }
}
