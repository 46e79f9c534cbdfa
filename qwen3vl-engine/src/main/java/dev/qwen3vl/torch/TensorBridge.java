package dev.qwen3vl.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.Tensor;

/**
 * Passes tensors between DJL and the PyTorch preset by native handle (both point at {@code at::Tensor} objects of
 * the one libtorch, see {@link LibTorch}); no data is copied and every tensor has exactly one owner.
 */
public final class TensorBridge {

    private TensorBridge() {}

    /**
     * A preset view of {@code array}'s tensor; DJL stays the owner (the view has no deallocator and must not
     * outlive {@code array}).
     */
    public static Tensor borrow(NDArray array) {
        long handle = ((PtNDArray) array).getHandle();
        return new Tensor(new Handle(handle));
    }

    /**
     * Hands {@code result} over to DJL as a new array of {@code manager}, then closes {@code result}. The DJL array
     * holds its own {@code at::Tensor} (a copy-constructed handle sharing the storage: one more reference, no data
     * copy), whose Java-side deallocator is turned off so that only DJL frees it.
     */
    public static NDArray adopt(NDManager manager, Tensor result) {
        try {
            Tensor handle = new Tensor(result);
            handle.deallocate(false); // DJL's close frees this at::Tensor, never the preset
            return new PtNDArray((PtNDManager) manager, handle.address());
        } finally {
            result.close();
        }
    }

    private static final class Handle extends Pointer {
        Handle(long address) {
            this.address = address;
        }
    }
}
