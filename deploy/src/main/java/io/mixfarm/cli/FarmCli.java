package io.mixfarm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code farm} command: one CLI, one subcommand per job. */
@Command(name = "farm",
        mixinStandardHelpOptions = true,
        versionProvider = FarmVersion.class,
        description = "Mixfarm: a render farm for mix and master jobs.",
        subcommands = {
                RenderCommand.class,
                MeasureCommand.class,
                MasterCommand.class,
                DemoCommand.class,
                StandaloneCommand.class,
                CoordinatorCommand.class,
                WorkerCommand.class,
                SubmitCommand.class,
                WatchCommand.class,
                SessionsCommand.class,
                StatusCommand.class,
                ReportCommand.class,
                RelevelCommand.class,
                AnalyzeCommand.class,
                CommandLine.HelpCommand.class
        })
public final class FarmCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (used by tests, which must not call System.exit). */
    public static int run(String... args) {
        return new CommandLine(new FarmCli()).execute(args);
    }
}
