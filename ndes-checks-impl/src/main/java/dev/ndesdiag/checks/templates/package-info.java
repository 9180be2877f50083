/**
 * Checks of the certificate templates NDES issues from and enrolls its own RA certificates with,
 * as Active Directory holds them ({@code certutil -v -dstemplate}).
 */
package dev.ndesdiag.checks.templates;
