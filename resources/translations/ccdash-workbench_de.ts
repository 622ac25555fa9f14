<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>SelfTest</name>
    <message>
        <source>self-test failed: the main window was not shown.</source>
        <translation>Selbsttest fehlgeschlagen: Das Hauptfenster wurde nicht angezeigt.</translation>
    </message>
    <message>
        <source>self-test failed: the window has no icon.</source>
        <translation>Selbsttest fehlgeschlagen: Das Fenster hat kein Symbol.</translation>
    </message>
    <message>
        <source>self-test failed: %1</source>
        <translation>Selbsttest fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>self-test passed: window &quot;%1&quot; shown, database opened.</source>
        <translation>Selbsttest bestanden: Fenster „%1“ angezeigt, Datenbank geöffnet.</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>Usage: %1 [options]              start the workbench window
       %1 COMMAND [options]      run a headless command
</source>
        <translation>Aufruf: %1 [Optionen]            startet das Workbench-Fenster
        %1 BEFEHL [Optionen]      führt einen Befehl ohne Fenster aus
</translation>
    </message>
    <message>
        <source>
Commands:
</source>
        <translation>
Befehle:
</translation>
    </message>
    <message>
        <source>
Run &apos;%1 COMMAND --help&apos; for the options of a command.
</source>
        <translation>
„%1 BEFEHL --help“ zeigt die Optionen eines Befehls.
</translation>
    </message>
    <message>
        <source>
Environment: CCDASH_WORKBENCH_DATABASE, CCDASH_URL, CCDASH_API_TOKEN, PGPASSWORD.
</source>
        <translation>
Umgebungsvariablen: CCDASH_WORKBENCH_DATABASE, CCDASH_URL, CCDASH_API_TOKEN, PGPASSWORD.
</translation>
    </message>
    <message>
        <source>Unknown command &apos;%1&apos;.
</source>
        <translation>Unbekannter Befehl „%1“.
</translation>
    </message>
    <message>
        <source>
Window options:
  --database URL      SQLite file, sqlite:///path or postgresql://user@host:port/db
  --ccdash-url URL    CCDash server (default http://127.0.0.1:8000)
  --self-test         open the window, check it and the database, exit 0
</source>
        <translation>
Fensteroptionen:
  --database URL      SQLite-Datei, sqlite:///pfad oder postgresql://benutzer@host:port/db
  --ccdash-url URL    CCDash-Server (Vorgabe http://127.0.0.1:8000)
  --self-test         Fenster öffnen, Fenster und Datenbank prüfen, mit 0 beenden
</translation>
    </message>
</context>
<context>
    <name>workbench::app::SingleInstance</name>
    <message>
        <source>Cannot create the single-instance lock %1; running without it.</source>
        <translation>Die Sperrdatei %1 für den Einzelinstanzbetrieb kann nicht angelegt werden; es geht ohne sie weiter.</translation>
    </message>
    <message>
        <source>Cannot listen on %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Another CCDash Workbench is running for this database but does not answer (%1).</source>
        <translation>Für diese Datenbank läuft bereits eine CCDash Workbench, sie antwortet aber nicht (%1).</translation>
    </message>
    <message>
        <source>Another CCDash Workbench is running for this database but did not accept the request (%1).</source>
        <translation>Für diese Datenbank läuft bereits eine CCDash Workbench, sie hat die Anfrage aber nicht angenommen (%1).</translation>
    </message>
</context>
<context>
    <name>workbench::ui::MainWindow</name>
    <message>
        <source>CCDash Workbench</source>
        <translation>CCDash Workbench</translation>
    </message>
</context>
</TS>
