package io.mixfarm.contract;

/**
 * One object a task wrote.
 *
 * @param name   what it is: a deliverable file name (see {@link OutputKeys}), "report", a plot name
 * @param uri    {@code s3://bucket/key}
 * @param bytes  object size
 * @param sha256 SHA-256 of the object, lowercase hex
 */
public record Output(String name, String uri, long bytes, String sha256) {

    public Output {
        Checks.text(name, "Output.name");
        S3Uri.parseObject(Checks.text(uri, "Output.uri"));
        if (bytes < 0) {
            throw new IllegalArgumentException("Output.bytes is " + bytes);
        }
        Checks.text(sha256, "Output.sha256");
    }
}
