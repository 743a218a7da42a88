package io.mixfarm.worker.render;

import io.mixfarm.contract.StemLocation;

import java.nio.file.Path;

/** A stem of the task, downloaded and verified: where it came from and where it is now. */
public record LocalStem(StemLocation location, Path file) {
}
