package dev.qwen3vl.testing;

import dev.qwen3vl.inference.MultimodalContent;
import dev.qwen3vl.inference.VideoInput;
import dev.qwen3vl.input.image.ImageSource;
import dev.qwen3vl.input.video.VideoOptions;
import java.util.ArrayList;
import java.util.List;

/** Inputs of every kind built from the fixture files: texts, images, several images, a frame-list video, nothing. */
public final class SampleInputs {

    private SampleInputs() {}

    /** Six inputs of different kinds and lengths. */
    public static List<MultimodalContent> mixed() {
        List<ImageSource> frames = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            frames.add(ImageSource.ofPath(Fixtures.image("v_frame" + i + ".png")));
        }
        return List.of(
                MultimodalContent.text("short"),
                MultimodalContent.text("a much longer text that makes this sequence longer than the others by far"),
                MultimodalContent.image(ImageSource.ofPath(Fixtures.image("b_100x150.png"))),
                MultimodalContent.builder().image(ImageSource.ofPath(Fixtures.image("a_64x96.png")))
                        .image(ImageSource.ofPath(Fixtures.image("c_rgba_70x45.png"))).text("two").build(),
                MultimodalContent.builder().video(VideoInput.ofFrames(frames, VideoOptions.defaults()))
                        .text("a clip").build(),
                MultimodalContent.builder().build());
    }
}
