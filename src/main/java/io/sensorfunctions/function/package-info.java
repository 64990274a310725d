/**
 * Which functions an instance runs: {@code functions} (env {@code FUNCTIONS}, a comma list, all six by default)
 * parsed into {@link io.sensorfunctions.function.EventFunction}s, the {@link io.sensorfunctions.function.RequiresFunction}
 * annotation and its {@link io.sensorfunctions.function.FunctionCondition} that leave a function's beans out of an
 * instance that does not run it, and the {@link io.sensorfunctions.function.StartupChecks} that span settings (a
 * registry URL that is no URL, or that points at this instance while it does not run the registry). Its edge:
 * every feature package marks its beans with the annotation; nothing here reads or writes a topic.
 */
package io.sensorfunctions.function;
