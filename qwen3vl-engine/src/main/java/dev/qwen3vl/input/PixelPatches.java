package dev.qwen3vl.input;

/**
 * The vision tower's input for one image or one video: normalised pixels cut into patches
 * ({@code pixel_values}) and the patch grid ({@code grid_thw}).
 *
 * <p>Rows are patches in the reference order (temporal group, 2×2 merge block in raster order, then the four
 * patches of the block); each row holds {@code channels × temporalPatch × patch × patch} values ordered
 * [channel][time][y][x].
 *
 * @param values {@code gridT * gridH * gridW} rows of {@code rowSize} values
 * @param gridT temporal groups (1 for a still image)
 * @param gridH patch rows
 * @param gridW patch columns
 * @param rowSize values per patch (1536 for Qwen3-VL)
 */
public record PixelPatches(float[] values, int gridT, int gridH, int gridW, int rowSize) {

    /** Checks the sizes. */
    public PixelPatches {
        if ((long) gridT * gridH * gridW * rowSize != values.length) {
            throw new IllegalArgumentException("Grid " + gridT + "x" + gridH + "x" + gridW + " with rows of " + rowSize
                    + " needs " + (long) gridT * gridH * gridW * rowSize + " values, got " + values.length);
        }
    }

    /** Number of patch rows. */
    public int patchCount() {
        return gridT * gridH * gridW;
    }

    /** Number of language-model tokens after the {@code merge}×{@code merge} patch merger. */
    public int mergedTokenCount(int merge) {
        return patchCount() / (merge * merge);
    }

    /** Language-model tokens of one temporal group. */
    public int tokensPerGroup(int merge) {
        return gridH * gridW / (merge * merge);
    }
}
