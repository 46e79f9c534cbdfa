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
import dev.qwen3vl.util.BoundedCache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A loaded model with everything around it: tokenizer, prompt encoder, image and video preprocessing and the
 * batch scheduler that runs all forward passes on one worker thread.
 *
 * <p>With a vision cache bound ({@link dev.qwen3vl.model.ModelOptions#visionCacheBytes()}) the preprocessed images
 * and videos are kept too, by content key ({@link ImageSource#cacheKey()}, {@link VideoInput#cacheKey}), under the
 * same byte bound: a document scored again is neither decoded nor resized again, and its patches are the same
 * arrays, whose digest the model's vision cache then computes once.
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
    private final BoundedCache<String, Visual> preprocessed;

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
        this.preprocessed = new BoundedCache<>(settings.model().visionCacheBytes(),
                v -> (long) v.patches().values().length * Float.BYTES, v -> { });
        this.scheduler = new BatchScheduler(model, settings.batching(), role);
    }

    /** Use of the cache of preprocessed images and videos. */
    BoundedCache.Stats preprocessCacheStats() {
        return preprocessed.stats();
    }

    /** Videos then images of {@code content}, preprocessed, in prompt order. */
    List<Visual> visuals(MultimodalContent content) {
        List<Visual> out = new ArrayList<>();
        for (VideoInput v : content.videos()) {
            out.add(video(v));
        }
        for (ImageSource i : content.images()) {
            out.add(cached(preprocessed.enabled() ? i.cacheKey() : Optional.empty(),
                    () -> Visual.image(images.preprocess(i))));
        }
        return out;
    }

    private Visual video(VideoInput v) {
        VideoOptions options = v.options() != null ? v.options() : settings.videoOptions();
        return cached(preprocessed.enabled() ? v.cacheKey(options) : Optional.empty(), () -> decode(v, options));
    }

    private Visual cached(Optional<String> key, Supplier<Visual> preprocess) {
        if (key.isEmpty()) {
            return preprocess.get();
        }
        Visual hit = preprocessed.get(key.get());
        if (hit != null) {
            return hit;
        }
        Visual fresh = preprocess.get();
        preprocessed.put(key.get(), fresh);
        return fresh;
    }

    private Visual decode(VideoInput v, VideoOptions options) {
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
        preprocessed.clear();
        scheduler.close();
        model.close();
        tokenizer.close();
    }
}
