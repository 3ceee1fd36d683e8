package io.tagstream.cli;

import picocli.CommandLine;

/** The version printed by {@code tagstream --version}: the jar's implementation version. */
final class TagstreamVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = TagstreamCommand.class.getPackage().getImplementationVersion();
        return new String[] {"tagstream " + (version == null ? "development build" : version)};
    }
}
