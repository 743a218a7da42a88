package io.mixfarm.cli.measure;

import io.mixfarm.engine.analysis.LoudnessMeasurement;

import java.nio.file.Path;

/** One file's outcome: a measurement, or the one-line reason it could not be measured. */
public record MeasuredFile(Path file, LoudnessMeasurement measurement, String error) {

    public static MeasuredFile ok(Path file, LoudnessMeasurement measurement) {
        return new MeasuredFile(file, measurement, null);
    }

    public static MeasuredFile failed(Path file, String error) {
        return new MeasuredFile(file, null, error);
    }

    public boolean failed() {
        return error != null;
    }
}
