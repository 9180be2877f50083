/** Fetching CDP and AIA URLs over http, https and ldap, in parallel under one deadline. */
package dev.ndesdiag.network;
