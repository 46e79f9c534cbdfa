package dev.qwen3vl.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwen3vl.util.NativeLibraries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;

/** DJL and the preset share one libtorch (DJL's, with this module's natives); a second mapped copy is detected. */
class LibTorchTest {

    @Test
    void the_preset_runs_on_djls_libtorch_and_only_one_copy_is_mapped() throws Exception {
        NativeLibraries.torch();
        assertThat(LibTorch.folder()).isNotNull();
        assertThat(LibTorch.flavor()).isEqualTo("cpu");
        // qwen3vl-natives-cpu brings DJL's own libtorch (MKL): the preset's libraries are DJL's files
        assertThat(Loader.getLoadedLibraries().get("torch_cpu"))
                .isEqualTo(LibTorch.folder().resolve("libtorch_cpu.so").toString());
        Set<String> copies = LibTorch.mappedCopies(Files.readAllLines(Path.of("/proc/self/maps")));
        assertThat(copies).containsExactly(LibTorch.folder().resolve("libtorch_cpu.so").toString());
        assertThat(NativeLibraries.torch()).isSameAs(LibTorch.start()); // starting again changes nothing
    }

    @Test
    void maps_lines_of_one_file_count_once_even_when_deleted_and_two_files_are_refused() {
        List<String> oneCopy = List.of(
                "7f10-7f20 r--p 00000000 08:01 123 /cache/pytorch/libtorch_cpu.so",
                "7f20-7f30 r-xp 00100000 08:01 123 /cache/pytorch/libtorch_cpu.so",
                "7f30-7f40 r--p 00000000 08:01 124 /cache/pytorch/libc10.so",
                "7f40-7f50 rw-p 00000000 00:00 0 ");
        assertThat(LibTorch.mappedCopies(oneCopy)).containsExactly("/cache/pytorch/libtorch_cpu.so");
        List<String> deleted = List.of("7f10-7f20 r--p 00000000 08:01 123 /tmp/x/libtorch_cpu.so (deleted)",
                "7f20-7f30 r-xp 00100000 08:01 123 /tmp/x/libtorch_cpu.so (deleted)");
        assertThat(LibTorch.mappedCopies(deleted)).containsExactly("/tmp/x/libtorch_cpu.so");
        LibTorch.checkSingleCopy(LibTorch.mappedCopies(oneCopy));
        Set<String> two = Set.of("/cache/pytorch/libtorch_cpu.so", "/home/u/.djl.ai/pytorch/libtorch_cpu.so");
        assertThatThrownBy(() -> LibTorch.checkSingleCopy(two)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Two copies of libtorch").hasMessageContaining(".djl.ai");
    }
}
