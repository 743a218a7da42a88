package io.mixfarm.manifest;

/**
 * A parsed manifest with the source positions of its paths, so later problems (validation,
 * missing files) can be reported with line numbers.
 */
public record ManifestDocument(Session session, String sourceName, SourceIndex positions) {
}
