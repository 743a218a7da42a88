package io.mixfarm.engine.deliver;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** PNGs an independent decoder (ImageIO) reads back to exactly the pixels written, high bytes ignored. */
class PngEncoderTest {

    @Test
    void picturesOfNoiseBandsAndNearlyRepeatedRowsDecodeToThemselves() throws Exception {
        SplittableRandom random = new SplittableRandom(17);
        PngEncoder encoder = PngEncoder.forThisThread();
        for (int picture = 0; picture < 8; picture++) { // one encoder for all: nothing carries over
            int width = picture == 0 ? 1 : random.nextInt(1, 900);
            int height = picture == 1 ? 1 : random.nextInt(1, 200);
            int[] rgb = RunDeflaterTest.picture(random, width, height);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            encoder.write(rgb, width, height, png);
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
            assertEquals(width, decoded.getWidth(), "width of picture " + picture);
            assertEquals(height, decoded.getHeight(), "height of picture " + picture);
            int[] read = decoded.getRGB(0, 0, width, height, null, 0, width);
            for (int i = 0; i < rgb.length; i++) {
                if ((read[i] & 0xFFFFFF) != (rgb[i] & 0xFFFFFF)) {
                    throw new AssertionError(String.format("picture %d, pixel (%d, %d): %06x, written %06x", picture,
                            i % width, i / width, read[i] & 0xFFFFFF, rgb[i] & 0xFFFFFF));
                }
            }
        }
    }
}
