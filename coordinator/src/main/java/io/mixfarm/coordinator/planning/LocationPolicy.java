package io.mixfarm.coordinator.planning;

import io.mixfarm.contract.S3Uri;
import io.mixfarm.coordinator.settings.CoordinatorSettings;
import io.mixfarm.manifest.SafeKeys;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a manifest may read stems from and write outputs to: a location must have a safe key
 * (no relative or empty segments, no encodings or look-alike characters; see {@link SafeKeys}) and
 * lie in one of the allowed buckets or under one of the allowed prefixes. Because a safe key has
 * exactly the segments it shows, a plain prefix test cannot be escaped.
 */
public final class LocationPolicy {

    private final List<S3Uri> stems;
    private final List<S3Uri> outputs;

    /**
     * @param stems   allowed stem locations (bucket or prefix ending in '/'); empty: any bucket
     * @param outputs allowed output locations; empty: anywhere
     */
    public LocationPolicy(List<S3Uri> stems, List<S3Uri> outputs) {
        this.stems = List.copyOf(stems);
        this.outputs = List.copyOf(outputs);
    }

    /** The configured policy: outputs default to the output base when no output locations are listed. */
    public static LocationPolicy of(CoordinatorSettings.S3 s3) {
        List<S3Uri> outputs = !s3.outputLocations().isEmpty() ? s3.outputLocations()
                : s3.outputBase().map(List::of).orElse(List.of());
        return new LocationPolicy(s3.stemLocations(), outputs);
    }

    /** Only key safety: any bucket, outputs under {@code outputBase} when given. */
    public static LocationPolicy open(Optional<S3Uri> outputBase) {
        return new LocationPolicy(List.of(), outputBase.map(List::of).orElse(List.of()));
    }

    /** Why the stem at {@code uri} may not be read, or empty. */
    public Optional<String> stemProblem(S3Uri uri) {
        return problem(uri, stems, "stems may be read from");
    }

    /** Why outputs may not be written under {@code uri}, or empty. */
    public Optional<String> outputProblem(S3Uri uri) {
        return problem(uri, outputs, "outputs may be written to");
    }

    private static Optional<String> problem(S3Uri uri, List<S3Uri> allowed, String what) {
        Optional<String> unsafe = SafeKeys.problem(uri.key());
        if (unsafe.isPresent()) {
            return Optional.of("\"" + uri + "\": " + unsafe.get());
        }
        if (allowed.isEmpty() || allowed.stream().anyMatch(a -> within(uri, a))) {
            return Optional.empty();
        }
        return Optional.of("\"" + uri + "\" is outside the locations " + what + " ("
                + allowed.stream().map(S3Uri::toString).collect(Collectors.joining(", ")) + ")");
    }

    /** {@code allowed} is a bucket (empty key) or a prefix ending in '/'. */
    private static boolean within(S3Uri uri, S3Uri allowed) {
        if (!uri.bucket().equals(allowed.bucket())) {
            return false;
        }
        String key = uri.key();
        return allowed.key().isEmpty() || key.startsWith(allowed.key()) || (key + "/").equals(allowed.key());
    }
}
