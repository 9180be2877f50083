/**
 * IIS configuration as IIS itself reads it: effective section values at a path, across
 * applicationHost.config, its location tags and the web.config files down the virtual path.
 */
package dev.ndesdiag.iis;
