package dev.qwen3vl.inference;

import dev.qwen3vl.input.Qwen3Tokenizer;
import dev.qwen3vl.input.RgbImage;
import dev.qwen3vl.input.SequenceEncoder;
import dev.qwen3vl.input.Visual;
import dev.qwen3vl.input.image.ImageLoader;
import dev.qwen3vl.input.image.ImagePreprocessor;
import dev.qwen3vl.input.image.ImageSource;
import dev.qwen3vl.input.video.VideoOptions;
import dev.qwen3vl.input.video.VideoPatches;
import dev.qwen3vl.input.video.VideoPreprocessor;
import dev.qwen3vl.model.Qwen3VlModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A loaded model with everything around it: tokenizer, prompt encoder, image and video preprocessing and the
 * batch scheduler that runs all forward passes on one worker thread.
 */
final class ModelRuntime implements AutoCloseable {

    final Qwen3VlModel model;
    final Qwen3Tokenizer tokenizer;
    final SequenceEncoder encoder;
    final BatchScheduler scheduler;
    final EngineSettings settings;
    private final ImageLoader imageLoader;
    private final ImagePreprocessor images;
    private final VideoPreprocessor videos = new VideoPreprocessor();

    ModelRuntime(Path folder, EngineSettings settings, String role) {
        this(Qwen3VlModel.load(folder, settings.model()), Qwen3Tokenizer.load(folder), settings, role);
    }

    ModelRuntime(Qwen3VlModel model, Qwen3Tokenizer tokenizer, EngineSettings settings, String role) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.settings = settings;
        int merge = model.config().vision().spatialMergeSize();
        this.encoder = new SequenceEncoder(tokenizer, merge);
        this.imageLoader = new ImageLoader(settings.imageLimits());
        this.images = new ImagePreprocessor(imageLoader, model.config().vision().patchSize(),
                model.config().vision().temporalPatchSize(), merge, settings.imageLimits().minPixels(),
                settings.imageLimits().maxResizedPixels());
        this.scheduler = new BatchScheduler(model, settings.batching(), role);
    }

    /** Videos then images of {@code content}, preprocessed, in prompt order. */
    List<Visual> visuals(MultimodalContent content) {
        List<Visual> out = new ArrayList<>();
        for (VideoInput v : content.videos()) {
            out.add(video(v));
        }
        for (ImageSource i : content.images()) {
            out.add(Visual.image(images.preprocess(i)));
        }
        return out;
    }

    private Visual video(VideoInput v) {
        VideoOptions options = v.options() != null ? v.options() : settings.videoOptions();
        VideoPatches patches;
        if (v.file() != null) {
            patches = videos.fromFile(v.file(), options);
        } else {
            List<RgbImage> frames = new ArrayList<>();
            for (ImageSource f : v.frames()) {
                frames.add(imageLoader.load(f));
            }
            patches = videos.fromFrames(frames, options);
        }
        return Visual.video(patches.patches(), patches.timestamps(), patches.sampledIndices());
    }

    /** Length limit: the configured one or the role's default. */
    int maxLength(int roleDefault) {
        return settings.maxLength() != null ? settings.maxLength() : roleDefault;
    }

    @Override
    public void close() {
        scheduler.close();
        model.close();
        tokenizer.close();
    }
}
