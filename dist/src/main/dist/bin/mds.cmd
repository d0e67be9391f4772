@echo off
rem mds @MDS_VERSION@ launcher for Windows (cmd.exe). Needs only Java 17+: JAVA_HOME, or java.exe
rem on PATH. Extra JVM flags go in MDS_JAVA_OPTS; MDS_CACHE_DIR moves the per-user cache.
rem Arguments reach mds exactly as typed: %* on the java line, never re-split or re-quoted here,
rem outside any parenthesised block (a ")" in an argument would end the block), and delayed
rem expansion off (it would eat "!" in an argument).
setlocal EnableExtensions DisableDelayedExpansion

set "MDS_VERSION=@MDS_VERSION@"
for %%I in ("%~dp0..") do set "MDS_HOME=%%~fI"
set "MDS_JAR=%MDS_HOME%\lib\mds.jar"

rem Java: JAVA_HOME first (quotes around its value tolerated), then the first java.exe on PATH.
set "MDS_JAVA="
set "MDS_JAVA_HOME="
if defined JAVA_HOME set "MDS_JAVA_HOME=%JAVA_HOME:"=%"
if defined MDS_JAVA_HOME if exist "%MDS_JAVA_HOME%\bin\java.exe" set "MDS_JAVA=%MDS_JAVA_HOME%\bin\java.exe"
if not defined MDS_JAVA for %%J in (java.exe) do set "MDS_JAVA=%%~$PATH:J"
if not defined MDS_JAVA goto no_java

rem Java's own release file says its version without starting a JVM (skipped where there is none).
for %%J in ("%MDS_JAVA%") do set "MDS_JAVA_DIR=%%~dpJ.."
set "MDS_JAVA_VERSION="
if exist "%MDS_JAVA_DIR%\release" for /f "usebackq tokens=1,* delims==" %%A in ("%MDS_JAVA_DIR%\release") do if "%%A"=="JAVA_VERSION" set "MDS_JAVA_VERSION=%%~B"
set "MDS_JAVA_MAJOR="
for /f "tokens=1,2 delims=." %%A in ("%MDS_JAVA_VERSION%") do if "%%A"=="1" (set "MDS_JAVA_MAJOR=%%B") else set "MDS_JAVA_MAJOR=%%A"
if defined MDS_JAVA_MAJOR if %MDS_JAVA_MAJOR% LSS 17 goto old_java

rem Class-data sharing: a snapshot of the classes mds loads saves class loading on every start. It
rem is made once per user, mds version and Java, from the class list shipped in lib\, into the
rem user's local application data (the install folder may be read-only). A Java that cannot make
rem one is remembered (".failed") and mds runs without it.
set "MDS_CACHE=%MDS_CACHE_DIR%"
if not defined MDS_CACHE if defined LOCALAPPDATA set "MDS_CACHE=%LOCALAPPDATA%\mds"
if not defined MDS_CACHE set "MDS_CACHE=%USERPROFILE%\.mds-cache"
set "MDS_KEY=%MDS_JAVA%"
set "MDS_KEY=%MDS_KEY:\=_%"
set "MDS_KEY=%MDS_KEY::=_%"
set "MDS_KEY=%MDS_KEY: =_%"
set "MDS_KEY=%MDS_KEY:(=_%"
set "MDS_KEY=%MDS_KEY:)=_%"
set "MDS_JSA=%MDS_CACHE%\%MDS_VERSION%\java%MDS_JAVA_VERSION%%MDS_KEY%.jsa"
set "MDS_CDS="
if exist "%MDS_JSA%" set "MDS_CDS=1"
if not defined MDS_CDS if not exist "%MDS_JSA%.failed" if exist "%MDS_HOME%\lib\mds.classlist" call :make_archive
set "MDS_CDS_OPTS="
if defined MDS_CDS set MDS_CDS_OPTS="-XX:SharedArchiveFile=%MDS_JSA%" -Xshare:auto -Xlog:cds=off -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0

rem Only C1 compiles: mds runs are short and the heavy work is in DuckDB's native code. No
rem perf-data file per start. The parallel collector halves the young pauses of large compiles.
rem Java 17 reads and writes text as UTF-8 only when told (Windows' default is the ANSI code page).
rem mds.home lets mds find optional engines under lib\engines\; mds.launcher lets `mds init` print
rem next steps that work.
rem An installed Spark engine (lib\engines\spark\) runs Spark in this JVM: open the JDK as Spark needs.
set "MDS_ENGINE_OPTS="
rem The young generation is held at 64 MB (see bench/README.md), except with the Spark engine installed.
rem What survives one young collection is promoted at the next (the project's model, the manifest,
rem the lineage: kept to the end). The arguments are never looked at here (they pass as typed).
set "MDS_YOUNG_OPTS=-XX:NewSize=64m -XX:MaxNewSize=64m -XX:MaxTenuringThreshold=1"
if exist "%MDS_HOME%\lib\engines\spark\" set "MDS_YOUNG_OPTS="
if exist "%MDS_HOME%\lib\engines\spark\" set "MDS_ENGINE_OPTS=-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"
"%MDS_JAVA%" %MDS_CDS_OPTS% %MDS_ENGINE_OPTS% -XX:TieredStopAtLevel=1 -XX:+UseParallelGC %MDS_YOUNG_OPTS% -XX:-UseDynamicNumberOfCompilerThreads -XX:-UsePerfData -Dfile.encoding=UTF-8 -Dslf4j.internal.verbosity=ERROR "-Dmds.home=%MDS_HOME%" "-Dmds.launcher=%~f0" %MDS_JAVA_OPTS% -jar "%MDS_JAR%" %*
exit /b %ERRORLEVEL%

:make_archive
if not exist "%MDS_CACHE%\%MDS_VERSION%" mkdir "%MDS_CACHE%\%MDS_VERSION%" >nul 2>&1
if not exist "%MDS_CACHE%\%MDS_VERSION%" exit /b 0
rem Written under a name of its own, then renamed: two first runs at once never read half a file.
set "MDS_PARTIAL=%MDS_JSA%.%RANDOM%.partial"
"%MDS_JAVA%" -Xshare:dump "-XX:SharedClassListFile=%MDS_HOME%\lib\mds.classlist" "-XX:SharedArchiveFile=%MDS_PARTIAL%" -Dslf4j.internal.verbosity=ERROR -cp "%MDS_JAR%" >nul 2>&1
if errorlevel 1 goto make_archive_failed
move /y "%MDS_PARTIAL%" "%MDS_JSA%" >nul 2>&1
if errorlevel 1 goto make_archive_failed
set "MDS_CDS=1"
exit /b 0
:make_archive_failed
del /q "%MDS_PARTIAL%" >nul 2>&1
type nul >"%MDS_JSA%.failed" 2>nul
exit /b 0

:no_java
>&2 echo mds needs Java 17 or newer: install a JDK or JRE, then set JAVA_HOME or put java.exe on PATH.
exit /b 2

:old_java
>&2 echo mds needs Java 17 or newer; "%MDS_JAVA%" is Java %MDS_JAVA_VERSION%. Set JAVA_HOME to a newer one.
exit /b 2
