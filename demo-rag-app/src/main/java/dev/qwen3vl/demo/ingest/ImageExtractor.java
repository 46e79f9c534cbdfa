package dev.qwen3vl.demo.ingest;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.qwen3vl.demo.media.MediaStore;
import dev.qwen3vl.demo.media.Thumbnails;
import dev.qwen3vl.input.RgbImage;
import dev.qwen3vl.input.image.ImageLoader;
import dev.qwen3vl.input.image.ImageSource;
import dev.qwen3vl.input.image.InvalidImageException;
import dev.qwen3vl.langchain4j.Qwen3VlMetadata;
import java.nio.file.Path;
import java.util.List;

/**
 * An image becomes one chunk: its file name as text, the image itself as {@link Qwen3VlMetadata#IMAGE}. The image is
 * decoded once (with the model's decoder and its size guard) to check it and to draw the thumbnail.
 */
public final class ImageExtractor implements ChunkExtractor {

    private final MediaStore media;
    private final ImageLoader loader = new ImageLoader();

    /**
     * @param media where the image and its thumbnail go
     */
    public ImageExtractor(MediaStore media) {
        this.media = media;
    }

    @Override
    public List<TextSegment> extract(SourceFile file) {
        RgbImage image;
        try {
            image = loader.load(ImageSource.ofPath(file.path()));
        } catch (InvalidImageException e) {
            throw new IllegalArgumentException("'" + file.name() + "' cannot be decoded as an image: "
                    + e.getMessage(), e);
        }
        String mediaId = file.sha256() + "." + FileKind.extension(file.name());
        String thumbId = file.sha256() + "-thumb.png";
        Path stored = media.copy(mediaId, file.path());
        media.put(thumbId, Thumbnails.png(image));
        Metadata metadata = Metadata.from(Qwen3VlMetadata.IMAGE, stored.toString())
                .put(ChunkMetadata.MEDIA, mediaId)
                .put(ChunkMetadata.THUMBNAIL, thumbId);
        return List.of(TextSegment.from("Image " + file.name(), metadata));
    }
}
