/**
 * Discovering checks ({@link dev.ndesdiag.runner.CheckCatalog}) and running them in isolation,
 * each under a time limit ({@link dev.ndesdiag.runner.CheckRunner}).
 */
package dev.ndesdiag.runner;
