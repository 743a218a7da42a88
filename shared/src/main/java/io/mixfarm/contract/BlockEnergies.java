package io.mixfarm.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.mixfarm.engine.loudness.GatingBlocks;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * A song's loudness block energies, exact and compact: base64 of little-endian IEEE-754 doubles.
 * Album loudness pools every song's blocks, so they travel bit-exact (text decimals would not).
 *
 * @param window which blocks (400 ms gating or 3 s short-term)
 * @param count  number of blocks
 * @param data   base64 of {@code count} little-endian doubles
 */
public record BlockEnergies(GatingBlocks.Window window, int count, String data) {

    public BlockEnergies {
        Checks.required(window, "BlockEnergies.window");
        Checks.required(data, "BlockEnergies.data");
        if (count < 0) {
            throw new IllegalArgumentException("BlockEnergies.count is " + count);
        }
        int expected = (count * Double.BYTES + 2) / 3 * 4;
        if (data.length() != expected) {
            throw new IllegalArgumentException("BlockEnergies.data has " + data.length() + " base64 characters; "
                    + count + " doubles take " + expected);
        }
    }

    /** The energies of {@code blocks}. */
    public static BlockEnergies of(GatingBlocks blocks) {
        ByteBuffer buffer = ByteBuffer.allocate(blocks.count() * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < blocks.count(); i++) {
            buffer.putDouble(blocks.energy(i));
        }
        return new BlockEnergies(blocks.window(), blocks.count(), Base64.getEncoder().encodeToString(buffer.array()));
    }

    /** The energies back as engine blocks; a malformed payload is a {@link ContractException}. */
    public GatingBlocks toGatingBlocks() {
        double[] energies = values();
        try {
            return GatingBlocks.of(window, energies, energies.length);
        } catch (IllegalArgumentException e) {
            throw new ContractException("BlockEnergies.data: " + e.getMessage(), e);
        }
    }

    /** The decoded energies. */
    @JsonIgnore
    public double[] values() {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new ContractException("BlockEnergies.data is not base64: " + e.getMessage(), e);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        double[] energies = new double[count];
        for (int i = 0; i < count; i++) {
            energies[i] = buffer.getDouble();
        }
        return energies;
    }
}
