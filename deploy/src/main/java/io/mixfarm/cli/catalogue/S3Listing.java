package io.mixfarm.cli.catalogue;

import io.mixfarm.contract.S3Uri;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The audio files under an S3 prefix, in key order, streamed: ListObjectsV2 pages (up to 1,000
 * keys each) are fetched as the iteration reaches them, so memory does not grow with the listing.
 * Keys that are not audio ({@link Track#AUDIO_EXTENSIONS}) and folder markers are skipped.
 */
final class S3Listing implements Iterator<Track> {

    /** The most keys S3 returns per request. */
    static final int MAX_KEYS = 1000;

    private final S3Uri prefix;
    private final Iterator<S3Object> objects;
    private Track next;

    /** @param prefix {@code s3://bucket/prefix/} (a bare bucket lists everything) */
    S3Listing(S3Client s3, S3Uri prefix) {
        this(s3, prefix, MAX_KEYS);
    }

    /** @param pageKeys keys per ListObjectsV2 request */
    S3Listing(S3Client s3, S3Uri prefix, int pageKeys) {
        this.prefix = prefix;
        this.objects = s3.listObjectsV2Paginator(b -> b.bucket(prefix.bucket()).prefix(prefix.key()).maxKeys(pageKeys))
                .contents().iterator();
    }

    @Override
    public boolean hasNext() {
        while (next == null && objects.hasNext()) {
            String key = objects.next().key();
            if (!key.endsWith("/") && Track.isAudio(key)) {
                next = Track.listed(new S3Uri(prefix.bucket(), key), key.substring(prefix.key().length()));
            }
        }
        return next != null;
    }

    @Override
    public Track next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Track track = next;
        next = null;
        return track;
    }
}
