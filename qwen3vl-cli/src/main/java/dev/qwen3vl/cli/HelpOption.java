package dev.qwen3vl.cli;

import picocli.CommandLine.Option;

/** {@code -h}/{@code --help} of every command. */
final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;
}
