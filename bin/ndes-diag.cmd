@echo off
rem ndes-diag launcher for Windows: finds a 64-bit Java 17 or newer (JAVA_HOME, then PATH) and runs the jar.
rem NDES_DIAG_JAR picks another jar, NDES_DIAG_NO_CDS=1 skips the class-data archive (Java 19 and later).
rem
rem Rules this file keeps (tested by LauncherScriptTest; see README "First run on a real server"):
rem  - delayed expansion stays off, so "!" in arguments and paths arrives unchanged;
rem  - %* appears only on lines outside any ( ) block, so ")" "&" "^" "%%" inside quoted arguments
rem    arrive unchanged; Java's exit code is passed through with exit /b;
rem  - a FOR /F command never starts with a quote: FOR /F runs it through "cmd /c", which strips the
rem    first and the last quote of a line that does not hold exactly two (cmd /? ; quoted at
rem    https://github.com/johnstevenson/winbox-args/wiki/How-cmd.exe-extracts-a-command);
rem  - a 32-bit Java on 64-bit Windows is refused: WOW64 would redirect System32\inetsrv to SysWOW64,
rem    export the WOW6432Node registry view and point %%ProgramFiles%% at "Program Files (x86)"
rem    (https://learn.microsoft.com/windows/win32/winprog64/file-system-redirector).
setlocal EnableExtensions DisableDelayedExpansion
set "HERE=%~dp0"
set "JAR="
if defined NDES_DIAG_JAR set "JAR=%NDES_DIAG_JAR:"=%"
if not defined JAR if exist "%HERE%..\lib\ndes-diag.jar" set "JAR=%HERE%..\lib\ndes-diag.jar"
if not defined JAR if exist "%HERE%..\ndes-diag-cli\target\ndes-diag.jar" set "JAR=%HERE%..\ndes-diag-cli\target\ndes-diag.jar"
if not defined JAR goto :nojar
if not exist "%JAR%" goto :nojar
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME:"=%\bin\java.exe"
"%JAVA%" -version >nul 2>&1
if errorlevel 1 goto :nojava

rem The version and data model, from the JVM's own properties ("    java.specification.version = 17").
set "JSPEC="
set "JBITS="
for /f "tokens=1,2 delims== " %%a in ('call "%JAVA%" -XshowSettings:properties -version 2^>^&1') do (
  if "%%a"=="java.specification.version" set "JSPEC=%%b"
  if "%%a"=="sun.arch.data.model" set "JBITS=%%b"
)
if not defined JSPEC goto :noversion
set "JMAJOR=0"
for /f "tokens=1,2 delims=." %%m in ("%JSPEC%") do (
  if "%%m"=="1" (set /a "JMAJOR=%%n" 2>nul) else (set /a "JMAJOR=%%m" 2>nul)
)
if %JMAJOR% LSS 17 goto :tooold
if "%JBITS%"=="32" if defined PROCESSOR_ARCHITEW6432 goto :wow64
if "%JBITS%"=="32" if /i not "%PROCESSOR_ARCHITECTURE%"=="x86" goto :wow64

set "CDS="
if "%NDES_DIAG_NO_CDS%"=="1" goto :run
if %JMAJOR% LSS 19 goto :run
if not defined LOCALAPPDATA goto :run
if not exist "%LOCALAPPDATA%\ndes-diag\" mkdir "%LOCALAPPDATA%\ndes-diag" >nul 2>&1
if exist "%LOCALAPPDATA%\ndes-diag\" set "CDS=%LOCALAPPDATA%\ndes-diag\ndes-diag-java%JMAJOR%.jsa"

:run
rem JDK 19 and later make the archive on the first run and again whenever the jar or the JDK
rem changed (-XX:+AutoCreateSharedArchive, JDK-8261455); 17 and 18 use the JDK's default archive.
rem The other options are bin/ndes-diag's: C1 only, compile thresholds halved, serial collector.
if defined CDS goto :runcds
"%JAVA%" -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.5 -XX:+UseSerialGC -Xshare:auto -jar "%JAR%" %*
exit /b %ERRORLEVEL%
:runcds
"%JAVA%" -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=0.5 -XX:+UseSerialGC -Xlog:disable -Xlog:all=error:stderr -XX:+AutoCreateSharedArchive "-XX:SharedArchiveFile=%CDS%" -jar "%JAR%" %*
exit /b %ERRORLEVEL%

:nojar
echo ndes-diag: cannot find ndes-diag.jar next to this script (or NDES_DIAG_JAR names no file). 1>&2
exit /b 3
:nojava
echo ndes-diag: Java was not found. Install a 64-bit Java 17 or newer (for example Microsoft Build of OpenJDK 17) and set JAVA_HOME, or put java on the PATH. 1>&2
exit /b 3
:noversion
echo ndes-diag: cannot read the version of "%JAVA%". Set JAVA_HOME to a 64-bit Java 17 installation. 1>&2
exit /b 3
:tooold
echo ndes-diag: Java %JSPEC% is too old; ndes-diag needs Java 17 or newer. Set JAVA_HOME to a Java 17 installation. 1>&2
exit /b 3
:wow64
echo ndes-diag: this Java is 32-bit; on 64-bit Windows it would see the 32-bit registry and System32 views. Set JAVA_HOME to a 64-bit Java 17 installation. 1>&2
exit /b 3
