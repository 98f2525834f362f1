/**
 * The {@code fovea} command line: {@link fovea.cli.Main}, which registers the commands, and what the jobs share, one
 * place each: the run folder ({@link fovea.cli.RunFolder}, its {@code --out} option {@link fovea.cli.RunFolderOption}),
 * the options {@code --seed} ({@link fovea.cli.SeedOption}), {@code --threads} ({@link fovea.cli.ThreadsOption}) and
 * {@code --data} ({@link fovea.cli.DataOptions}) as picocli mixins, progress ({@link fovea.cli.ConsoleProgress} for a
 * training loop, {@link fovea.cli.RowProgress} for rows of work, both on a {@link fovea.cli.LiveBar} when
 * {@link fovea.cli.Terminal} says the output is a terminal), the learning curves, charts with round ticks
 * ({@link fovea.cli.Charts}), numbers as people write them ({@link fovea.cli.Numbers}), the usage errors and the names
 * close to a misspelt one ({@link fovea.cli.Cli}), the weights files' writers and readers
 * ({@link fovea.cli.WeightsFiles}) and the help's layout ({@link fovea.cli.HelpFormat}).
 *
 * <p>One sub-package per job, siblings that never import each other: {@code classify} (train, eval, predict, transfer,
 * summary, models), {@code classic} (knn, linear, search), {@code recurrent} (charrnn, rnn), {@code autograd} (demo)
 * and {@code bench}; segmentation, detection, generative models and reinforcement learning get theirs beside them.
 * A job package may import this package and core; this package imports no job package, except {@code Main}, which
 * registers their commands. A piece a second job needs moves here. {@code PackageGraphTest} checks it.
 */
package fovea.cli;
