package io.mixfarm.worker.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.mixfarm.contract.SongAnalysis;

import java.nio.file.Path;
import java.util.List;

/**
 * What a render produced.
 *
 * @param files    files to upload (masters, report, plots); empty for ANALYZE
 * @param report   the song report, as carried in the COMPLETED event
 * @param analysis measurements: for ANALYZE the mix after the pre-limiter chain (the album gain is
 *                 computed from them); for FULL and MASTER the first deliverable as written (the
 *                 album report pools the masters); null when the renderer has none
 * @param mix      ANALYZE: the song's stereo float mix in the work directory, which MASTER can
 *                 reuse instead of mixing again ({@link SongRenderer#renderFromMix}); null when none
 */
public record RenderedSong(List<RenderedFile> files, JsonNode report, SongAnalysis analysis, Path mix) {

    public RenderedSong(List<RenderedFile> files, JsonNode report, SongAnalysis analysis) {
        this(files, report, analysis, null);
    }

    public RenderedSong {
        files = List.copyOf(files);
        if (report == null) {
            throw new IllegalArgumentException("a rendered song needs a report");
        }
    }
}
