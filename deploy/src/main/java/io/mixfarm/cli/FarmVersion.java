package io.mixfarm.cli;

import picocli.CommandLine;

/** Reports the version stamped into the jar manifest by Maven. */
final class FarmVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = FarmVersion.class.getPackage().getImplementationVersion();
        return new String[] {"farm " + (version == null ? "(development build)" : version)};
    }
}
