@echo off
rem ndes-diag launcher for Windows: finds Java 17 or newer (JAVA_HOME, then PATH) and runs the jar.
rem Set NDES_DIAG_JAR to use another jar.
setlocal EnableDelayedExpansion
set "HERE=%~dp0"
set "JAR=%NDES_DIAG_JAR%"
if "%JAR%"=="" if exist "%HERE%..\lib\ndes-diag.jar" set "JAR=%HERE%..\lib\ndes-diag.jar"
if "%JAR%"=="" if exist "%HERE%..\ndes-diag-cli\target\ndes-diag.jar" set "JAR=%HERE%..\ndes-diag-cli\target\ndes-diag.jar"
if "%JAR%"=="" (
  echo ndes-diag: cannot find ndes-diag.jar next to this script. 1>&2
  exit /b 3
)
set "JAVA=java"
if not "%JAVA_HOME%"=="" set "JAVA=%JAVA_HOME%\bin\java.exe"
"%JAVA%" -version >nul 2>&1
if errorlevel 1 (
  echo ndes-diag: Java was not found. Install Java 17 or newer ^(for example Microsoft Build of OpenJDK 17^) and set JAVA_HOME, or put java on the PATH. 1>&2
  exit /b 3
)
set "JVER="
for /f "tokens=3" %%v in ('"%JAVA%" -version 2^>^&1 ^| findstr /i "version"') do if not defined JVER set "JVER=%%~v"
for /f "tokens=1 delims=." %%m in ("%JVER%") do set "JMAJOR=%%m"
if "%JMAJOR%"=="1" set "JMAJOR=8"
if %JMAJOR% LSS 17 (
  echo ndes-diag: Java %JVER% is too old; ndes-diag needs Java 17 or newer. Set JAVA_HOME to a Java 17 installation. 1>&2
  exit /b 3
)
"%JAVA%" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -jar "%JAR%" %*
exit /b %ERRORLEVEL%
