<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AppSettings</name>
    <message>
        <source>The agent launcher must contain {command}, where the slash command goes.</source>
        <translation>Der Agent-Starter muss {command} enthalten; dort wird der Slash-Befehl eingesetzt.</translation>
    </message>
</context>
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
        <source>Unexpected argument &apos;%1&apos;.</source>
        <translation>Unerwartetes Argument „%1“.</translation>
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
    <message>
        <source>judge a COMMAND with the policy engine (--workspace DIR, --batch)</source>
        <translation>einen BEFEHL mit der Richtlinien-Engine bewerten (--workspace VERZ, --batch)</translation>
    </message>
    <message>
        <source>judge, record and run a command: run --workspace DIR [--] COMMAND</source>
        <translation>einen Befehl bewerten, aufzeichnen und ausführen: run --workspace VERZ [--] BEFEHL</translation>
    </message>
    <message>
        <source>list CCDash&apos;s projects</source>
        <translation>die Projekte von CCDash auflisten</translation>
    </message>
    <message>
        <source>list the active project&apos;s features [--search TEXT]</source>
        <translation>die Features des aktiven Projekts auflisten [--search TEXT]</translation>
    </message>
    <message>
        <source>show the next-command recommendation for FEATURE_ID</source>
        <translation>die Empfehlung für den nächsten Befehl zu FEATURE_ID anzeigen</translation>
    </message>
    <message>
        <source>list execution runs (table or --json)</source>
        <translation>Läufe auflisten (Tabelle oder --json)</translation>
    </message>
    <message>
        <source>show the events of one run</source>
        <translation>die Ereignisse eines Laufs anzeigen</translation>
    </message>
    <message>
        <source>export a run: export RUN_ID --format text|raw|html|json|cast [--output FILE] [--force]</source>
        <translation>einen Lauf exportieren: export LAUF_ID --format text|raw|html|json|cast [--output DATEI] [--force]</translation>
    </message>
    <message>
        <source>check the tamper-evident audit trail: audit verify [RUN_ID] [--json] [--strict]</source>
        <translation>das manipulationssichere Prüfprotokoll kontrollieren: audit verify [LAUF_ID] [--json] [--strict]</translation>
    </message>
</context>
<context>
    <name>workbench::app</name>
    <message>
        <source>No editor command is configured.</source>
        <translation>Es ist kein Editor-Befehl eingerichtet.</translation>
    </message>
    <message>
        <source>The editor command has an unbalanced quote: %1</source>
        <translation>Der Editor-Befehl enthält ein nicht geschlossenes Anführungszeichen: %1</translation>
    </message>
    <message>
        <source>The editor command must contain {file}: %1</source>
        <translation>Der Editor-Befehl muss {file} enthalten: %1</translation>
    </message>
    <message>
        <source>Could not start the editor &quot;%1&quot;.</source>
        <translation>Der Editor „%1“ konnte nicht gestartet werden.</translation>
    </message>
    <message>
        <source>Run %1, %2, exit code %3.</source>
        <translation>Lauf %1, %2, Exit-Code %3.</translation>
    </message>
</context>
<context>
    <name>workbench::app::AuditState</name>
    <message>
        <source>Audit trail verified: %1 records chained and sealed.</source>
        <translation>Prüfprotokoll bestätigt: %1 Einträge verkettet und versiegelt.</translation>
    </message>
    <message>
        <source>Audit chain intact, but some seals were made with another key and cannot be checked here.</source>
        <translation>Die Audit-Kette ist intakt, aber einige Siegel wurden mit einem anderen Schlüssel erstellt und können hier nicht geprüft werden.</translation>
    </message>
    <message>
        <source>No audit chain: this run was written by a client that does not chain (such as CCDash).</source>
        <translation>Keine Audit-Kette: Dieser Lauf wurde von einem Client geschrieben, der nicht verkettet (etwa CCDash).</translation>
    </message>
    <message>
        <source>%1 record(s) of this run were written by a client that does not chain.</source>
        <translation>%1 Eintrag/Einträge dieses Laufs wurden von einem Client geschrieben, der nicht verkettet.</translation>
    </message>
    <message>
        <source>The audit trail of this run was tampered with: %1 problem(s) found.</source>
        <translation>Das Prüfprotokoll dieses Laufs wurde manipuliert: %1 Problem(e) gefunden.</translation>
    </message>
    <message>
        <source>The audit trail could not be checked: %1</source>
        <translation>Das Prüfprotokoll konnte nicht geprüft werden: %1</translation>
    </message>
</context>
<context>
    <name>workbench::app::RunChangeWatcher</name>
    <message>
        <source>The connection to the team store was lost.</source>
        <translation>Die Verbindung zum gemeinsamen Speicher ist abgerissen.</translation>
    </message>
</context>
<context>
    <name>workbench::app::RunExporter</name>
    <message>
        <source>No run with id &apos;%1&apos;.</source>
        <translation>Es gibt keinen Lauf mit der ID „%1“.</translation>
    </message>
    <message>
        <source>%1 already exists; not overwritten (use --force to replace it).</source>
        <translation>%1 existiert bereits und wurde nicht überschrieben (mit --force ersetzen).</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
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
    <name>workbench::app::WorkbenchSession</name>
    <message>
        <source>system keychain</source>
        <translation>Schlüsselbund des Systems</translation>
    </message>
    <message>
        <source>set for this session</source>
        <translation>für diese Sitzung gesetzt</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
</context>
<context>
    <name>workbench::ccdash</name>
    <message>
        <source>&apos;%1&apos; is not a valid URL</source>
        <translation>„%1“ ist keine gültige URL</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an http:// or https:// URL with a host</source>
        <translation>„%1“ ist keine http://- oder https://-URL mit Host</translation>
    </message>
    <message>
        <source>the CCDash URL must not contain a user name or password; use CCDASH_API_TOKEN</source>
        <translation>die CCDash-URL darf weder Benutzername noch Passwort enthalten; verwenden Sie CCDASH_API_TOKEN</translation>
    </message>
    <message>
        <source>%1 (from %2)</source>
        <translation>%1 (aus %2)</translation>
    </message>
    <message>
        <source>--ccdash-url</source>
        <translation>--ccdash-url</translation>
    </message>
    <message>
        <source>settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>the response body is empty</source>
        <translation>der Antwortinhalt ist leer</translation>
    </message>
    <message>
        <source>the response is not valid JSON (%1 at offset %2)</source>
        <translation>die Antwort ist kein gültiges JSON (%1 an Position %2)</translation>
    </message>
    <message>
        <source>expected a JSON object but got %1</source>
        <translation>JSON-Objekt erwartet, aber %1 erhalten</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>ein Array</translation>
    </message>
    <message>
        <source>a scalar</source>
        <translation>ein Skalar</translation>
    </message>
    <message>
        <source>expected a JSON array of projects but got %1</source>
        <translation>JSON-Array mit Projekten erwartet, aber %1 erhalten</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>ein Objekt</translation>
    </message>
    <message>
        <source>negative total, offset or limit</source>
        <translation>negativer Wert für total, offset oder limit</translation>
    </message>
    <message>
        <source>action %1</source>
        <translation>Aktion %1</translation>
    </message>
    <message>
        <source>action %1 on %2</source>
        <translation>Aktion %1 auf %2</translation>
    </message>
    <message>
        <source>a boolean</source>
        <translation>ein Wahrheitswert</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>eine Zahl</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>eine Zeichenkette</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
</context>
<context>
    <name>workbench::ccdash::CcdashClient</name>
    <message>
        <source>The response from CCDash at %1 for %2 is larger than the %3 MiB limit; it was not read.</source>
        <translation>Die Antwort von CCDash unter %1 auf %2 ist größer als die Grenze von %3 MiB; sie wurde nicht gelesen.</translation>
    </message>
    <message>
        <source>CCDash at %1 redirected %2 to another server (%3); the redirect was refused.</source>
        <translation>CCDash unter %1 hat %2 auf einen anderen Server umgeleitet (%3); die Umleitung wurde abgelehnt.</translation>
    </message>
    <message>
        <source>CCDash at %1 answered %2 with HTTP %3: %4</source>
        <translation>CCDash unter %1 hat %2 mit HTTP %3 beantwortet: %4</translation>
    </message>
    <message>
        <source>Check the API token (CCDASH_API_TOKEN or the system keychain).</source>
        <translation>Prüfen Sie das API-Token (CCDASH_API_TOKEN oder der Schlüsselbund des Systems).</translation>
    </message>
    <message>
        <source>CCDash at %1 answered %2 with an unfollowed redirect (HTTP %3).</source>
        <translation>CCDash unter %1 hat %2 mit einer nicht verfolgten Umleitung beantwortet (HTTP %3).</translation>
    </message>
    <message>
        <source>Cannot reach CCDash at %1: connection refused. Is CCDash running?</source>
        <translation>CCDash unter %1 ist nicht erreichbar: Verbindung abgelehnt. Läuft CCDash?</translation>
    </message>
    <message>
        <source>Cannot reach CCDash at %1: host &apos;%2&apos; not found.</source>
        <translation>CCDash unter %1 ist nicht erreichbar: Host „%2“ nicht gefunden.</translation>
    </message>
    <message>
        <source>CCDash at %1 did not answer %2 within %3 seconds.</source>
        <translation>CCDash unter %1 hat %2 nicht innerhalb von %3 Sekunden beantwortet.</translation>
    </message>
    <message>
        <source>Secure connection to CCDash at %1 failed: %2</source>
        <translation>Die sichere Verbindung zu CCDash unter %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>CCDash at %1 redirected %2 from https to plain http; the redirect was refused.</source>
        <translation>CCDash unter %1 hat %2 von https auf unverschlüsseltes http umgeleitet; die Umleitung wurde abgelehnt.</translation>
    </message>
    <message>
        <source>Connection to CCDash at %1 failed during %2: %3</source>
        <translation>Die Verbindung zu CCDash unter %1 ist während %2 fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>CCDash at %1 sent an unexpected response for GET %2: %3</source>
        <translation>CCDash unter %1 hat auf GET %2 unerwartet geantwortet: %3</translation>
    </message>
    <message>
        <source>CCDash at %1 sent an unexpected response for GET /api/health: %2</source>
        <translation>CCDash unter %1 hat auf GET /api/health unerwartet geantwortet: %2</translation>
    </message>
    <message>
        <source>CCDash at %1 reports %2 features, but the workbench lists at most %3.</source>
        <translation>CCDash unter %1 meldet %2 Features, die Workbench listet aber höchstens %3 auf.</translation>
    </message>
    <message>
        <source>CCDash at %1 sent %2 pages of features without reaching its total of %3; stopped.</source>
        <translation>CCDash unter %1 hat %2 Seiten mit Features gesendet, ohne die Gesamtzahl von %3 zu erreichen; abgebrochen.</translation>
    </message>
    <message>
        <source>No feature id given.</source>
        <translation>Keine Feature-ID angegeben.</translation>
    </message>
    <message>
        <source>CCDash at %1 sent an unexpected response for POST %2: %3</source>
        <translation>CCDash unter %1 hat auf POST %2 unerwartet geantwortet: %3</translation>
    </message>
</context>
<context>
    <name>workbench::ccdash::Reader</name>
    <message>
        <source>expected %1 but got %2</source>
        <translation>%1 erwartet, aber %2 erhalten</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>ist erforderlich</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>darf nicht leer sein</translation>
    </message>
    <message>
        <source>expected an integer but got %1</source>
        <translation>Ganzzahl erwartet, aber %1 erhalten</translation>
    </message>
</context>
<context>
    <name>workbench::ccdash::TokenSource</name>
    <message>
        <source>built without QtKeychain; set CCDASH_API_TOKEN instead</source>
        <translation>ohne QtKeychain gebaut; setzen Sie stattdessen CCDASH_API_TOKEN</translation>
    </message>
    <message>
        <source>the system keychain did not answer within %1 ms</source>
        <translation>der Schlüsselbund des Systems hat nicht innerhalb von %1 ms geantwortet</translation>
    </message>
</context>
<context>
    <name>workbench::cli</name>
    <message>
        <source>Run %1: %2 (%3 chain entries, %4 records verified, %5 unchained, %6 seals checked)
</source>
        <translation>Lauf %1: %2 (%3 Kettenglieder, %4 Einträge bestätigt, %5 unverkettet, %6 Siegel geprüft)
</translation>
    </message>
    <message>
        <source>Check the tamper-evident audit chain of one run, or of every run in the database.
Exit status: 0 nothing was tampered with (unchained or unsealed records are listed as warnings), 1 tampering found (with --strict also unchained or unsealed records), 64 usage error, 65 unknown run, 69 the database cannot be opened, 70 the store failed while reading.</source>
        <translation>Prüft die manipulationssichere Audit-Kette eines Laufs oder aller Läufe in der Datenbank.
Exit-Status: 0 nichts wurde manipuliert (unverkettete oder unversiegelte Einträge werden als Warnungen aufgeführt), 1 Manipulation gefunden (mit --strict auch unverkettete oder unversiegelte Einträge), 64 Aufruffehler, 65 unbekannter Lauf, 69 die Datenbank kann nicht geöffnet werden, 70 der Speicher ist beim Lesen fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The only action.</source>
        <translation>Die einzige Aktion.</translation>
    </message>
    <message>
        <source>One run to check (default: the whole database).</source>
        <translation>Ein zu prüfender Lauf (Standard: die ganze Datenbank).</translation>
    </message>
    <message>
        <source>SQLite file, sqlite:///path or postgresql://user@host:port/db (default: $CCDASH_WORKBENCH_DATABASE, then the app&apos;s data folder).</source>
        <translation>SQLite-Datei, sqlite:///pfad oder postgresql://benutzer@host:port/db (Standard: $CCDASH_WORKBENCH_DATABASE, dann der Datenordner der Anwendung).</translation>
    </message>
    <message>
        <source>Print the report as JSON.</source>
        <translation>Den Bericht als JSON ausgeben.</translation>
    </message>
    <message>
        <source>Fail (exit 1) on unchained or unsealed records too.</source>
        <translation>Auch bei unverketteten oder unversiegelten Einträgen fehlschlagen (Exit 1).</translation>
    </message>
    <message>
        <source>Usage: ccdash-workbench audit verify [RUN_ID] [--database URL] [--json] [--strict]
</source>
        <translation>Aufruf: ccdash-workbench audit verify [LAUF_ID] [--database URL] [--json] [--strict]
</translation>
    </message>
    <message>
        <source>warning: %1 Seals cannot be checked.
</source>
        <translation>Warnung: %1 Siegel können nicht geprüft werden.
</translation>
    </message>
    <message>
        <source>Run %1: verified (%2 records)
</source>
        <translation>Lauf %1: bestätigt (%2 Einträge)
</translation>
    </message>
    <message>
        <source>Summary: %1 run(s): %2 verified, %3 unsealed, %4 unchained, %5 tampered; database chain %6.
</source>
        <translation>Zusammenfassung: %1 Lauf/Läufe: %2 bestätigt, %3 unversiegelt, %4 unverkettet, %5 manipuliert; Datenbankkette %6.
</translation>
    </message>
    <message>
        <source>intact</source>
        <translation>intakt</translation>
    </message>
    <message>
        <source>broken</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <source>Invalid CCDash URL: %1
</source>
        <translation>Ungültige CCDash-URL: %1
</translation>
    </message>
    <message>
        <source>--timeout needs a number of seconds between 0 and 3600.
</source>
        <translation>--timeout erwartet eine Anzahl Sekunden zwischen 0 und 3600.
</translation>
    </message>
    <message>
        <source>Warning: sending the CCDash API token over plain HTTP to %1; anyone on the network can read it. Use https:// for remote servers.
</source>
        <translation>Warnung: Das CCDash-API-Token wird über unverschlüsseltes HTTP an %1 gesendet; jeder im Netzwerk kann es mitlesen. Verwenden Sie https:// für entfernte Server.
</translation>
    </message>
    <message>
        <source>List the projects CCDash knows; * marks CCDash&apos;s active project.</source>
        <translation>Die Projekte auflisten, die CCDash kennt; * kennzeichnet das aktive Projekt von CCDash.</translation>
    </message>
    <message>
        <source>&apos;projects&apos; takes no arguments.
</source>
        <translation>„projects“ erwartet keine Argumente.
</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>PATH</source>
        <translation>PFAD</translation>
    </message>
    <message>
        <source>List the features of CCDash&apos;s active project.</source>
        <translation>Die Features des aktiven CCDash-Projekts auflisten.</translation>
    </message>
    <message>
        <source>Only features whose id, name, category or a tag contains TEXT.</source>
        <translation>Nur Features, deren ID, Name, Kategorie oder ein Tag TEXT enthält.</translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation>TEXT</translation>
    </message>
    <message>
        <source>&apos;features&apos; takes no arguments; use --search TEXT to filter.
</source>
        <translation>„features“ erwartet keine Argumente; filtern Sie mit --search TEXT.
</translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation>STATUS</translation>
    </message>
    <message>
        <source>TASKS</source>
        <translation>AUFGABEN</translation>
    </message>
    <message>
        <source>CATEGORY</source>
        <translation>KATEGORIE</translation>
    </message>
    <message>
        <source>No features match.
</source>
        <translation>Keine passenden Features.
</translation>
    </message>
    <message>
        <source>Show CCDash&apos;s next-command recommendation for a feature.</source>
        <translation>Die Empfehlung von CCDash für den nächsten Befehl eines Features anzeigen.</translation>
    </message>
    <message>
        <source>The feature&apos;s id (slug).</source>
        <translation>Die ID (Slug) des Features.</translation>
    </message>
    <message>
        <source>&apos;context&apos; needs exactly one FEATURE_ID.
</source>
        <translation>„context“ erwartet genau eine FEATURE_ID.
</translation>
    </message>
    <message>
        <source>Feature:        %1 (%2), %3
</source>
        <translation>Feature:        %1 (%2), %3
</translation>
    </message>
    <message>
        <source>Gate:           %1</source>
        <translation>Gate:           %1</translation>
    </message>
    <message>
        <source>Dependencies:   %1</source>
        <translation>Abhängigkeiten: %1</translation>
    </message>
    <message>
        <source>Family:         %1 in %2</source>
        <translation>Familie:        %1 in %2</translation>
    </message>
    <message>
        <source> (next: %1)</source>
        <translation> (nächstes: %1)</translation>
    </message>
    <message>
        <source>Recommendation  %1, confidence %2
</source>
        <translation>Empfehlung      %1, Konfidenz %2
</translation>
    </message>
    <message>
        <source>Alternatives
</source>
        <translation>Alternativen
</translation>
    </message>
    <message>
        <source>%1, confidence %2</source>
        <translation>%1, Konfidenz %2</translation>
    </message>
    <message>
        <source>Evidence
</source>
        <translation>Belege
</translation>
    </message>
    <message>
        <source>TYPE</source>
        <translation>TYP</translation>
    </message>
    <message>
        <source>VALUE</source>
        <translation>WERT</translation>
    </message>
    <message>
        <source>Warnings
</source>
        <translation>Warnungen
</translation>
    </message>
    <message>
        <source>Export one run&apos;s output: text (ANSI stripped), raw (the exact bytes), html (with colours), json (CCDash&apos;s DTOs) or cast (asciinema v2).</source>
        <translation>Die Ausgabe eines Laufs exportieren: text (ohne ANSI-Codes), raw (die exakten Bytes), html (mit Farben), json (die DTOs von CCDash) oder cast (asciinema v2).</translation>
    </message>
    <message>
        <source>The run&apos;s id.</source>
        <translation>Die ID des Laufs.</translation>
    </message>
    <message>
        <source>text, raw, html, json or cast (default text).</source>
        <translation>text, raw, html, json oder cast (Standard: text).</translation>
    </message>
    <message>
        <source>File to write, or - for stdout (default).</source>
        <translation>Zieldatei oder - für die Standardausgabe (Standard).</translation>
    </message>
    <message>
        <source>Replace FILE if it exists.</source>
        <translation>DATEI ersetzen, falls sie existiert.</translation>
    </message>
    <message>
        <source>Usage: ccdash-workbench export RUN_ID --format FORMAT [--output FILE] [--force] [--database URL]
</source>
        <translation>Aufruf: ccdash-workbench export LAUF_ID --format FORMAT [--output DATEI] [--force] [--database URL]
</translation>
    </message>
    <message>
        <source>Unknown format &apos;%1&apos; (expected text, raw, html, json or cast).
</source>
        <translation>Unbekanntes Format „%1“ (erwartet: text, raw, html, json oder cast).
</translation>
    </message>
    <message>
        <source>--output needs a file name or -.
</source>
        <translation>--output erwartet einen Dateinamen oder -.
</translation>
    </message>
    <message>
        <source>Cannot write to standard output.
</source>
        <translation>In die Standardausgabe kann nicht geschrieben werden.
</translation>
    </message>
    <message>
        <source>verdict: %1 (risk %2)
</source>
        <translation>Bewertung: %1 (Risiko %2)
</translation>
    </message>
    <message>
        <source>command: %1
</source>
        <translation>Befehl:     %1
</translation>
    </message>
    <message>
        <source>cwd:     %1
</source>
        <translation>Verz.:      %1
</translation>
    </message>
    <message>
        <source>policy:  %1
</source>
        <translation>Richtlinie: %1
</translation>
    </message>
    <message>
        <source>reasons: %1
</source>
        <translation>Gründe:     %1
</translation>
    </message>
    <message>
        <source>reasons:
</source>
        <translation>Gründe:
</translation>
    </message>
    <message>
        <source>malformed JSON: %1</source>
        <translation>fehlerhaftes JSON: %1</translation>
    </message>
    <message>
        <source>each line must be a JSON object</source>
        <translation>jede Zeile muss ein JSON-Objekt sein</translation>
    </message>
    <message>
        <source>&quot;command&quot; must be a string</source>
        <translation>„command“ muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>&quot;cwd&quot; must be a string</source>
        <translation>„cwd“ muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>&quot;envProfile&quot; must be a string</source>
        <translation>„envProfile“ muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>Judge a shell command with the workbench&apos;s policy engine.</source>
        <translation>Einen Shell-Befehl mit der Richtlinien-Engine der Workbench bewerten.</translation>
    </message>
    <message>
        <source>The project&apos;s root directory.</source>
        <translation>Das Wurzelverzeichnis des Projekts.</translation>
    </message>
    <message>
        <source>Working directory, relative to the workspace or absolute.</source>
        <translation>Arbeitsverzeichnis, relativ zum Arbeitsbereich oder absolut.</translation>
    </message>
    <message>
        <source>default, minimal, project or ci.</source>
        <translation>default, minimal, project oder ci.</translation>
    </message>
    <message>
        <source>Print the result as JSON.</source>
        <translation>Das Ergebnis als JSON ausgeben.</translation>
    </message>
    <message>
        <source>Read JSON lines {&quot;command&quot;, &quot;cwd&quot;, &quot;envProfile&quot;} from stdin, write one result per line.</source>
        <translation>JSON-Zeilen {&quot;command&quot;, &quot;cwd&quot;, &quot;envProfile&quot;} von der Standardeingabe lesen und je Zeile ein Ergebnis schreiben.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>The command to judge (several words are joined with spaces).</source>
        <translation>Der zu bewertende Befehl (mehrere Wörter werden mit Leerzeichen verbunden).</translation>
    </message>
    <message>
        <source>--workspace is required.</source>
        <translation>--workspace ist erforderlich.</translation>
    </message>
    <message>
        <source>The workspace &apos;%1&apos; is not a directory.</source>
        <translation>Der Arbeitsbereich „%1“ ist kein Verzeichnis.</translation>
    </message>
    <message>
        <source>--batch reads its commands from stdin; give no COMMAND.</source>
        <translation>--batch liest die Befehle von der Standardeingabe; geben Sie keinen BEFEHL an.</translation>
    </message>
    <message>
        <source>Give the COMMAND to judge.</source>
        <translation>Geben Sie den zu bewertenden BEFEHL an.</translation>
    </message>
    <message>
        <source>Judge a command with the policy, record it, run it and stream its output.</source>
        <translation>Einen Befehl mit der Richtlinie bewerten, aufzeichnen, ausführen und seine Ausgabe streamen.</translation>
    </message>
    <message>
        <source>The project&apos;s root directory (required).</source>
        <translation>Das Wurzelverzeichnis des Projekts (erforderlich).</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>VERZ</translation>
    </message>
    <message>
        <source>Working directory, relative to the workspace (default .).</source>
        <translation>Arbeitsverzeichnis, relativ zum Arbeitsbereich (Standard: .).</translation>
    </message>
    <message>
        <source>Stop the run after SECONDS (0 = never).</source>
        <translation>Den Lauf nach SEKUNDEN beenden (0 = nie).</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SEKUNDEN</translation>
    </message>
    <message>
        <source>Keep at most SIZE bytes per stream (K, M, G suffixes; 0 = all): the first and the last half.</source>
        <translation>Höchstens GRÖSSE Bytes je Datenstrom behalten (Suffixe K, M, G; 0 = alles): die erste und die letzte Hälfte.</translation>
    </message>
    <message>
        <source>SIZE</source>
        <translation>GRÖSSE</translation>
    </message>
    <message>
        <source>Approve the run if the policy requires approval, recording REASON.</source>
        <translation>Den Lauf freigeben, falls die Richtlinie eine Freigabe verlangt, und BEGRÜNDUNG aufzeichnen.</translation>
    </message>
    <message>
        <source>REASON</source>
        <translation>BEGRÜNDUNG</translation>
    </message>
    <message>
        <source>CCDash feature id to link the run to.</source>
        <translation>CCDash-Feature-ID, mit der der Lauf verknüpft wird.</translation>
    </message>
    <message>
        <source>CCDash recommendation rule id.</source>
        <translation>ID der CCDash-Empfehlungsregel.</translation>
    </message>
    <message>
        <source>CCDash project id.</source>
        <translation>CCDash-Projekt-ID.</translation>
    </message>
    <message>
        <source>SQLite file, sqlite:///path or postgresql://user@host:port/db.</source>
        <translation>SQLite-Datei, sqlite:///pfad oder postgresql://benutzer@host:port/db.</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>The command: one shell-syntax string, or words.</source>
        <translation>Der Befehl: eine Zeichenkette in Shell-Syntax oder einzelne Wörter.</translation>
    </message>
    <message>
        <source>Usage: ccdash-workbench run --workspace DIR [options] [--] COMMAND
</source>
        <translation>Aufruf: ccdash-workbench run --workspace VERZ [Optionen] [--] BEFEHL
</translation>
    </message>
    <message>
        <source>The workspace &apos;%1&apos; is not a directory.
</source>
        <translation>Der Arbeitsbereich „%1“ ist kein Verzeichnis.
</translation>
    </message>
    <message>
        <source>--timeout needs a number of seconds, not &apos;%1&apos;.
</source>
        <translation>--timeout erwartet eine Anzahl Sekunden, nicht „%1“.
</translation>
    </message>
    <message>
        <source>--max-output needs a size such as 500K, 10M or 0, not &apos;%1&apos;.
</source>
        <translation>--max-output erwartet eine Größe wie 500K, 10M oder 0, nicht „%1“.
</translation>
    </message>
    <message>
        <source>Recovering interrupted runs failed: %1
</source>
        <translation>Das Wiederherstellen unterbrochener Läufe ist fehlgeschlagen: %1
</translation>
    </message>
    <message numerus="yes">
        <source>Marked %n run(s) left behind by a closed or crashed instance as interrupted.
</source>
        <translation>
            <numerusform>%n Lauf, der von einer geschlossenen oder abgestürzten Instanz zurückgelassen wurde, wurde als unterbrochen markiert.
</numerusform>
            <numerusform>%n Läufe, die von einer geschlossenen oder abgestürzten Instanz zurückgelassen wurden, wurden als unterbrochen markiert.
</numerusform>
        </translation>
    </message>
    <message>
        <source>ccdash-workbench: the run&apos;s events cannot be stored (%1); stopping the run.
</source>
        <translation>ccdash-workbench: Die Ereignisse des Laufs können nicht gespeichert werden (%1); der Lauf wird beendet.
</translation>
    </message>
    <message>
        <source>
ccdash-workbench: interrupted; canceling the run.
</source>
        <translation>
ccdash-workbench: unterbrochen; der Lauf wird abgebrochen.
</translation>
    </message>
    <message>
        <source>interrupted by signal %1</source>
        <translation>durch Signal %1 unterbrochen</translation>
    </message>
    <message>
        <source>The run could not be recorded: %1
</source>
        <translation>Der Lauf konnte nicht aufgezeichnet werden: %1
</translation>
    </message>
    <message>
        <source>Run %1 blocked by policy (deny, %2 risk):
%3
</source>
        <translation>Lauf %1 von der Richtlinie blockiert (verweigert, Risiko %2):
%3
</translation>
    </message>
    <message>
        <source>Run %1 requires approval (%2 risk):
%3
It is recorded as blocked. Run again with --approve REASON to approve and start it.
</source>
        <translation>Lauf %1 erfordert eine Freigabe (Risiko %2):
%3
Er wird als blockiert aufgezeichnet. Führen Sie ihn mit --approve BEGRÜNDUNG erneut aus, um ihn freizugeben und zu starten.
</translation>
    </message>
    <message>
        <source>Run %1 could not be approved: %2
</source>
        <translation>Lauf %1 konnte nicht freigegeben werden: %2
</translation>
    </message>
    <message>
        <source>Run %1 was approved, but the policy now denies it.
</source>
        <translation>Lauf %1 wurde freigegeben, aber die Richtlinie verweigert ihn inzwischen.
</translation>
    </message>
    <message>
        <source>ccdash-workbench: the store still refuses writes (%1). Run %2 was stopped; it will be marked failed the next time the workbench opens this database.
</source>
        <translation>ccdash-workbench: Der Speicher verweigert weiterhin Schreibzugriffe (%1). Lauf %2 wurde beendet; er wird als fehlgeschlagen markiert, sobald die Workbench diese Datenbank das nächste Mal öffnet.
</translation>
    </message>
    <message>
        <source>ccdash-workbench: some events of run %1 are not stored yet: %2
</source>
        <translation>ccdash-workbench: Einige Ereignisse von Lauf %1 sind noch nicht gespeichert: %2
</translation>
    </message>
    <message>
        <source>ccdash-workbench: run %1 %2 (exit code %3).
</source>
        <translation>ccdash-workbench: Lauf %1 %2 (Exit-Code %3).
</translation>
    </message>
    <message>
        <source>Print JSON (CCDash&apos;s DTO keys) instead of a table.</source>
        <translation>JSON (mit den DTO-Schlüsseln von CCDash) statt einer Tabelle ausgeben.</translation>
    </message>
    <message>
        <source>--%1 must be a whole number from %2 to %3.
</source>
        <translation>--%1 muss eine ganze Zahl von %2 bis %3 sein.
</translation>
    </message>
    <message>
        <source>List execution runs, newest first.</source>
        <translation>Läufe auflisten, die neuesten zuerst.</translation>
    </message>
    <message>
        <source>Only runs of this CCDash project.</source>
        <translation>Nur Läufe dieses CCDash-Projekts.</translation>
    </message>
    <message>
        <source>Only runs of this feature.</source>
        <translation>Nur Läufe dieses Features.</translation>
    </message>
    <message>
        <source>Only runs with this status (queued, running, succeeded, failed, canceled, blocked); repeat or separate with commas for several.</source>
        <translation>Nur Läufe mit diesem Status (queued, running, succeeded, failed, canceled, blocked); für mehrere wiederholen oder mit Kommas trennen.</translation>
    </message>
    <message>
        <source>Only runs whose command, feature, rule or id contains T.</source>
        <translation>Nur Läufe, deren Befehl, Feature, Regel oder ID T enthält.</translation>
    </message>
    <message>
        <source>At most N runs (default 40).</source>
        <translation>Höchstens N Läufe (Standard: 40).</translation>
    </message>
    <message>
        <source>Skip the N newest runs.</source>
        <translation>Die N neuesten Läufe überspringen.</translation>
    </message>
    <message>
        <source>runs takes no arguments (got &apos;%1&apos;).
</source>
        <translation>runs erwartet keine Argumente (erhalten: „%1“).
</translation>
    </message>
    <message>
        <source>Unknown status &apos;%1&apos; (expected queued, running, succeeded, failed, canceled or blocked).
</source>
        <translation>Unbekannter Status „%1“ (erwartet: queued, running, succeeded, failed, canceled oder blocked).
</translation>
    </message>
    <message>
        <source>No runs.
</source>
        <translation>Keine Läufe.
</translation>
    </message>
    <message>
        <source>CREATED</source>
        <translation>ERSTELLT</translation>
    </message>
    <message>
        <source>FEATURE</source>
        <translation>FEATURE</translation>
    </message>
    <message>
        <source>RISK</source>
        <translation>RISIKO</translation>
    </message>
    <message>
        <source>EXIT</source>
        <translation>EXIT</translation>
    </message>
    <message>
        <source>COMMAND</source>
        <translation>BEFEHL</translation>
    </message>
    <message>
        <source>Show the stored events of one run, in sequence order.</source>
        <translation>Die gespeicherten Ereignisse eines Laufs in Reihenfolge ihrer Sequenznummer anzeigen.</translation>
    </message>
    <message>
        <source>Only events after sequence number N (default 0).</source>
        <translation>Nur Ereignisse nach Sequenznummer N (Standard: 0).</translation>
    </message>
    <message>
        <source>At most N events (default 200).</source>
        <translation>Höchstens N Ereignisse (Standard: 200).</translation>
    </message>
    <message>
        <source>Usage: ccdash-workbench events RUN_ID [--after-sequence N] [--limit N] [--json] [--database URL]
</source>
        <translation>Aufruf: ccdash-workbench events LAUF_ID [--after-sequence N] [--limit N] [--json] [--database URL]
</translation>
    </message>
    <message>
        <source>No events after sequence %1 (run %2 is %3).
</source>
        <translation>Keine Ereignisse nach Sequenz %1 (Lauf %2 ist %3).
</translation>
    </message>
    <message>
        <source>SEQ</source>
        <translation>SEQ</translation>
    </message>
    <message>
        <source>TIME</source>
        <translation>ZEIT</translation>
    </message>
    <message>
        <source>STREAM</source>
        <translation>STROM</translation>
    </message>
    <message>
        <source>Next sequence: %1
</source>
        <translation>Nächste Sequenz: %1
</translation>
    </message>
    <message>
        <source>Trust the workspace&apos;s .ccdash-workbench/policy.json as it is now (by its sha256), so its rules may also loosen the policy. Any edit to the file withdraws the trust.</source>
        <translation>Der .ccdash-workbench/policy.json des Arbeitsbereichs in ihrem jetzigen Stand (per sha256) vertrauen, sodass ihre Regeln die Richtlinie auch lockern dürfen. Jede Änderung an der Datei entzieht das Vertrauen.</translation>
    </message>
    <message>
        <source>--trust-workspace-policy judges nothing; give no COMMAND and no --batch.</source>
        <translation>--trust-workspace-policy bewertet nichts; geben Sie weder BEFEHL noch --batch an.</translation>
    </message>
    <message>
        <source>There is no readable workspace policy file %1.</source>
        <translation>Es gibt keine lesbare Richtliniendatei %1 im Arbeitsbereich.</translation>
    </message>
    <message>
        <source>Cannot record the trust in %1: %2</source>
        <translation>Das Vertrauen kann nicht in %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <source>trusted %1 (sha256 %2), recorded in %3; any edit to the file withdraws the trust.</source>
        <translation>%1 vertraut (sha256 %2), gespeichert in %3; jede Änderung an der Datei entzieht das Vertrauen.</translation>
    </message>
    <message>
        <source>policy file %1:%2: %3</source>
        <translation>Richtliniendatei %1:%2: %3</translation>
    </message>
    <message>
        <source>ccdash-workbench: the store is unreachable; waiting for it to come back to write the run&apos;s events.
</source>
        <translation>ccdash-workbench: der Speicher ist nicht erreichbar; es wird gewartet, bis er zurück ist, um die Ereignisse des Laufs zu schreiben.
</translation>
    </message>
</context>
<context>
    <name>workbench::cli::CommonOptions</name>
    <message>
        <source>CCDash server (default http://127.0.0.1:8000).</source>
        <translation>CCDash-Server (Standard: http://127.0.0.1:8000).</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Print JSON instead of a table.</source>
        <translation>JSON statt einer Tabelle ausgeben.</translation>
    </message>
    <message>
        <source>Send this project id as X-CCDash-Project-Id.</source>
        <translation>Diese Projekt-ID als X-CCDash-Project-Id senden.</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Give up after this many seconds (default 15).</source>
        <translation>Nach so vielen Sekunden aufgeben (Standard: 15).</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SEKUNDEN</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
</context>
<context>
    <name>workbench::execution::ExecutionService</name>
    <message>
        <source>Run interrupted: the app was closed while the run was active.</source>
        <translation>Lauf unterbrochen: Die Anwendung wurde geschlossen, während der Lauf aktiv war.</translation>
    </message>
    <message>
        <source>A run needs a workspace directory.</source>
        <translation>Ein Lauf braucht ein Arbeitsverzeichnis des Arbeitsbereichs.</translation>
    </message>
    <message>
        <source>Policy verdict: %1</source>
        <translation>Bewertung der Richtlinie: %1</translation>
    </message>
    <message>
        <source>Run blocked by policy.</source>
        <translation>Lauf von der Richtlinie blockiert.</translation>
    </message>
    <message>
        <source>Approval required before run can start.</source>
        <translation>Freigabe erforderlich, bevor der Lauf starten kann.</translation>
    </message>
    <message>
        <source>Remembered approval #%1 by %2.</source>
        <translation>Gespeicherte Freigabe #%1 durch %2.</translation>
    </message>
    <message>
        <source>Run approved.</source>
        <translation>Lauf freigegeben.</translation>
    </message>
    <message>
        <source>Run not started: the audit store is failing (%1).</source>
        <translation>Lauf nicht gestartet: Der Audit-Speicher schlägt fehl (%1).</translation>
    </message>
    <message>
        <source>Run started.</source>
        <translation>Lauf gestartet.</translation>
    </message>
    <message>
        <source>Failed to launch process: %1</source>
        <translation>Der Prozess konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>Run stopped: its events could not be stored (%1).</source>
        <translation>Lauf beendet: Seine Ereignisse konnten nicht gespeichert werden (%1).</translation>
    </message>
    <message>
        <source>Run succeeded.</source>
        <translation>Lauf erfolgreich.</translation>
    </message>
    <message>
        <source>Run canceled.</source>
        <translation>Lauf abgebrochen.</translation>
    </message>
    <message>
        <source>Run failed.</source>
        <translation>Lauf fehlgeschlagen.</translation>
    </message>
    <message>
        <source>audit failure: %1</source>
        <translation>Audit-Fehler: %1</translation>
    </message>
    <message>
        <source>Run approval denied.</source>
        <translation>Freigabe des Laufs verweigert.</translation>
    </message>
    <message>
        <source>Run does not require approval</source>
        <translation>Der Lauf erfordert keine Freigabe</translation>
    </message>
    <message>
        <source>No pending approval for this run</source>
        <translation>Für diesen Lauf steht keine Freigabe aus</translation>
    </message>
    <message>
        <source>The approval request of run %1 expired; retry the run to ask again.</source>
        <translation>Die Freigabeanfrage von Lauf %1 ist abgelaufen; wiederholen Sie den Lauf, um erneut zu fragen.</translation>
    </message>
    <message>
        <source>Approval accepted, but policy now denies execution.</source>
        <translation>Freigabe erteilt, aber die Richtlinie verweigert die Ausführung inzwischen.</translation>
    </message>
    <message>
        <source>The policy result changed since approval was requested.</source>
        <translation>Das Ergebnis der Richtlinie hat sich seit der Freigabeanfrage geändert.</translation>
    </message>
    <message>
        <source>Approval not applied: the command&apos;s policy result changed since approval was requested.</source>
        <translation>Freigabe nicht angewendet: Das Richtlinienergebnis des Befehls hat sich seit der Freigabeanfrage geändert.</translation>
    </message>
    <message>
        <source>The policy result of run %1 changed since approval was requested; it was not started. Retry the run to review it again.</source>
        <translation>Das Richtlinienergebnis von Lauf %1 hat sich seit der Freigabeanfrage geändert; er wurde nicht gestartet. Wiederholen Sie den Lauf, um ihn erneut zu prüfen.</translation>
    </message>
    <message>
        <source>Cancel requested.</source>
        <translation>Abbruch angefordert.</translation>
    </message>
    <message>
        <source>Run %1 is being run by another app instance; cancel it there.</source>
        <translation>Lauf %1 wird von einer anderen Instanz der Anwendung ausgeführt; brechen Sie ihn dort ab.</translation>
    </message>
    <message>
        <source>Run with status &apos;%1&apos; cannot be retried</source>
        <translation>Ein Lauf mit dem Status „%1“ kann nicht wiederholt werden</translation>
    </message>
    <message>
        <source>Retry requires acknowledgeFailure=true for failed runs</source>
        <translation>Das Wiederholen fehlgeschlagener Läufe erfordert acknowledgeFailure=true</translation>
    </message>
    <message>
        <source>Run interrupted: the app instance that ran it (pid %1 on %2) is gone.</source>
        <translation>Lauf unterbrochen: Die Instanz der Anwendung, die ihn ausführte (PID %1 auf %2), existiert nicht mehr.</translation>
    </message>
    <message>
        <source>Run interrupted: the app instance that ran it (pid %1 on %2) is gone; the pid now belongs to another process.</source>
        <translation>Lauf unterbrochen: Die Instanz der Anwendung, die ihn ausführte (PID %1 auf %2), existiert nicht mehr; die PID gehört jetzt einem anderen Prozess.</translation>
    </message>
    <message>
        <source>the run no longer exists in the store (deleted by another client); its events are kept in %1</source>
        <translation>der Lauf existiert nicht mehr im Speicher (von einem anderen Client gelöscht); seine Ereignisse werden in %1 aufbewahrt</translation>
    </message>
</context>
<context>
    <name>workbench::execution::WorkspacePolicyTrust</name>
    <message>
        <source>line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>There is no workspace policy file %1.</source>
        <translation>Es gibt keine Richtliniendatei des Arbeitsbereichs %1.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 changed since it was shown (sha256 is now %2); review it again.</source>
        <translation>%1 hat sich geändert, seit die Datei angezeigt wurde (sha256 ist jetzt %2); prüfen Sie sie erneut.</translation>
    </message>
</context>
<context>
    <name>workbench::models</name>
    <message>
        <source>Recording the audit chain (%1): %2</source>
        <translation>Aufzeichnen der Audit-Kette (%1): %2</translation>
    </message>
    <message>
        <source>The audit seal key %1 cannot be read: %2.</source>
        <translation>Der Audit-Siegelschlüssel %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>The folder %1 for the audit seal key cannot be created.</source>
        <translation>Der Ordner %1 für den Audit-Siegelschlüssel kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>The audit seal key %1 cannot be created: %2.</source>
        <translation>Der Audit-Siegelschlüssel %1 kann nicht erstellt werden: %2.</translation>
    </message>
    <message>
        <source>The audit seal key %1 cannot be created.</source>
        <translation>Der Audit-Siegelschlüssel %1 kann nicht erstellt werden.</translation>
    </message>
    <message>
        <source>The audit seal key %1 cannot be read.</source>
        <translation>Der Audit-Siegelschlüssel %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>%1 is not an audit seal key (expected a file of exactly %2 bytes); it was left untouched.</source>
        <translation>%1 ist kein Audit-Siegelschlüssel (erwartet wird eine Datei von genau %2 Bytes); die Datei wurde nicht verändert.</translation>
    </message>
    <message>
        <source>The audit seal key %1 can be read by other users; run &apos;chmod 600 %1&apos; to use it.</source>
        <translation>Der Audit-Siegelschlüssel %1 ist für andere Benutzer lesbar; führen Sie „chmod 600 %1“ aus, um ihn zu verwenden.</translation>
    </message>
    <message>
        <source>The audit seal key %1 cannot be read completely.</source>
        <translation>Der Audit-Siegelschlüssel %1 kann nicht vollständig gelesen werden.</translation>
    </message>
    <message>
        <source>The database setting is empty.</source>
        <translation>Die Datenbankeinstellung ist leer.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid PostgreSQL URL (expected postgresql://user@host:port/dbname).</source>
        <translation>„%1“ ist keine gültige PostgreSQL-URL (erwartet: postgresql://benutzer@host:port/dbname).</translation>
    </message>
    <message>
        <source>The PostgreSQL URL &apos;%1&apos; names no database (expected postgresql://user@host:port/dbname).</source>
        <translation>Die PostgreSQL-URL „%1“ nennt keine Datenbank (erwartet: postgresql://benutzer@host:port/dbname).</translation>
    </message>
    <message>
        <source>Unsupported PostgreSQL URL option &apos;%1&apos;.</source>
        <translation>Nicht unterstützte Option „%1“ in der PostgreSQL-URL.</translation>
    </message>
    <message>
        <source>Invalid value for PostgreSQL URL option &apos;%1&apos;.</source>
        <translation>Ungültiger Wert für die Option „%1“ der PostgreSQL-URL.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid SQLite URL (expected sqlite:///absolute/path.db).</source>
        <translation>„%1“ ist keine gültige SQLite-URL (erwartet: sqlite:///absoluter/pfad.db).</translation>
    </message>
    <message>
        <source>Unsupported database URL &apos;%1&apos;: use a file path, sqlite:///path or postgresql://...</source>
        <translation>Nicht unterstützte Datenbank-URL „%1“: Verwenden Sie einen Dateipfad, sqlite:///pfad oder postgresql://...</translation>
    </message>
    <message>
        <source>An in-memory database would lose every run; give a file path.</source>
        <translation>Eine Datenbank im Arbeitsspeicher würde jeden Lauf verlieren; geben Sie einen Dateipfad an.</translation>
    </message>
    <message>
        <source>Execution run &apos;%1&apos; not found</source>
        <translation>Lauf „%1“ nicht gefunden</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Reading the schema</source>
        <translation>Lesen des Schemas</translation>
    </message>
    <message>
        <source>The database schema is version %1, newer than this version of CCDash Workbench knows (%2). Nothing was changed; update CCDash Workbench to use this database.</source>
        <translation>Das Datenbankschema hat Version %1 und ist neuer als die Version, die diese Version von CCDash Workbench kennt (%2). Es wurde nichts geändert; aktualisieren Sie CCDash Workbench, um diese Datenbank zu verwenden.</translation>
    </message>
    <message>
        <source>Reading the schema version</source>
        <translation>Lesen der Schemaversion</translation>
    </message>
    <message>
        <source>Starting the schema migration</source>
        <translation>Starten der Schemamigration</translation>
    </message>
    <message>
        <source>Locking the schema for migration</source>
        <translation>Sperren des Schemas für die Migration</translation>
    </message>
    <message>
        <source>Creating the migrations table</source>
        <translation>Anlegen der Migrationstabelle</translation>
    </message>
    <message>
        <source>Migration %1 (%2)</source>
        <translation>Migration %1 (%2)</translation>
    </message>
    <message>
        <source>Recording migration %1</source>
        <translation>Aufzeichnen der Migration %1</translation>
    </message>
    <message>
        <source>Committing the schema migration</source>
        <translation>Abschließen der Schemamigration</translation>
    </message>
    <message>
        <source>Starting a read snapshot failed: %1</source>
        <translation>Starten eines Lese-Snapshots fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>workbench::models::ApprovalRepository</name>
    <message>
        <source>A remembered approval needs a workspace, a command and an expiry time.</source>
        <translation>Eine gespeicherte Freigabe braucht einen Arbeitsbereich, einen Befehl und einen Ablaufzeitpunkt.</translation>
    </message>
    <message>
        <source>Storing a remembered approval returned no id.</source>
        <translation>Das Speichern einer gespeicherten Freigabe lieferte keine ID.</translation>
    </message>
    <message>
        <source>Remembered approval %1 not found</source>
        <translation>Gespeicherte Freigabe %1 nicht gefunden</translation>
    </message>
    <message>
        <source>Remembered approval %1 is already revoked</source>
        <translation>Gespeicherte Freigabe %1 ist bereits widerrufen</translation>
    </message>
</context>
<context>
    <name>workbench::models::AuditChainVerifier</name>
    <message>
        <source>Execution run &apos;%1&apos; not found</source>
        <translation>Lauf „%1“ nicht gefunden</translation>
    </message>
    <message>
        <source>The run, its %1 event(s) and %2 approval(s) have no audit chain: they were written by a client that does not chain (such as CCDash) or before this database had an audit chain.</source>
        <translation>Der Lauf, seine %1 Ereignis(se) und %2 Freigabe(n) haben keine Audit-Kette: Sie wurden von einem Client geschrieben, der nicht verkettet (etwa CCDash), oder bevor diese Datenbank eine Audit-Kette hatte.</translation>
    </message>
    <message>
        <source>Chain entries are missing before position %1: records and their entries were removed.</source>
        <translation>Vor Position %1 fehlen Kettenglieder: Einträge und ihre Kettenglieder wurden entfernt.</translation>
    </message>
    <message>
        <source>The position appears more than once: entries were duplicated or renumbered.</source>
        <translation>Die Position kommt mehrfach vor: Kettenglieder wurden dupliziert oder neu nummeriert.</translation>
    </message>
    <message>
        <source>The entry&apos;s fields do not match its hash: the entry was edited.</source>
        <translation>Die Felder des Kettenglieds passen nicht zu seinem Hash: Das Kettenglied wurde bearbeitet.</translation>
    </message>
    <message>
        <source>The run&apos;s first entry is not its run row.</source>
        <translation>Das erste Kettenglied des Laufs ist nicht seine Laufzeile.</translation>
    </message>
    <message>
        <source>The first remaining entry links to an entry that no longer exists: the entries before it were removed.</source>
        <translation>Das erste verbliebene Kettenglied verweist auf ein Kettenglied, das nicht mehr existiert: Die Kettenglieder davor wurden entfernt.</translation>
    </message>
    <message>
        <source>The entry does not link to the entry before it: entries were reordered, replaced or removed.</source>
        <translation>Das Kettenglied verweist nicht auf das vorherige: Kettenglieder wurden umsortiert, ersetzt oder entfernt.</translation>
    </message>
    <message>
        <source>The entry&apos;s seal was removed although the rest of the run is sealed.</source>
        <translation>Das Siegel des Kettenglieds wurde entfernt, obwohl der Rest des Laufs versiegelt ist.</translation>
    </message>
    <message>
        <source>The seal does not match: the entry was recomputed without the seal key (re-sealed).</source>
        <translation>Das Siegel stimmt nicht: Das Kettenglied wurde ohne den Siegelschlüssel neu berechnet (neu versiegelt).</translation>
    </message>
    <message>
        <source>Unknown record kind &apos;%1&apos;.</source>
        <translation>Unbekannte Eintragsart „%1“.</translation>
    </message>
    <message>
        <source>%1 chain entr(ies) are not sealed (no seal key was available when they were written): only their hash chain was checked.</source>
        <translation>%1 Kettenglied(er) sind nicht versiegelt (beim Schreiben war kein Siegelschlüssel verfügbar): Nur ihre Hash-Kette wurde geprüft.</translation>
    </message>
    <message>
        <source>%1 chain entr(ies) were sealed with another key (%2) than this user&apos;s (%3): only their hash chain was checked.</source>
        <translation>%1 Kettenglied(er) wurden mit einem anderen Schlüssel (%2) als dem dieses Benutzers (%3) versiegelt: Nur ihre Hash-Kette wurde geprüft.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>The database&apos;s first run does not start the database chain.</source>
        <translation>Der erste Lauf der Datenbank beginnt nicht die Datenbankkette.</translation>
    </message>
    <message>
        <source>The run before this one in the database chain is missing: it was removed together with its chain entries.</source>
        <translation>Der Lauf vor diesem in der Datenbankkette fehlt: Er wurde zusammen mit seinen Kettengliedern entfernt.</translation>
    </message>
    <message>
        <source>The run does not link to the run before it in the database chain.</source>
        <translation>Der Lauf verweist nicht auf den vorherigen Lauf in der Datenbankkette.</translation>
    </message>
    <message>
        <source>No chain entry: written by a client that does not chain (such as CCDash).</source>
        <translation>Kein Kettenglied: geschrieben von einem Client, der nicht verkettet (etwa CCDash).</translation>
    </message>
    <message>
        <source>The event differs from what was chained at position %1: it was edited or moved.</source>
        <translation>Das Ereignis weicht von dem an Position %1 verketteten Stand ab: Es wurde bearbeitet oder verschoben.</translation>
    </message>
    <message>
        <source>The record differs from its last chained state (position %1): it was changed outside the workbench.</source>
        <translation>Der Eintrag weicht von seinem zuletzt verketteten Stand ab (Position %1): Er wurde außerhalb der Workbench geändert.</translation>
    </message>
    <message>
        <source>The run row was deleted; its audit chain remains.</source>
        <translation>Die Laufzeile wurde gelöscht; ihre Audit-Kette ist noch vorhanden.</translation>
    </message>
    <message>
        <source>The record was deleted (chained at position %1).</source>
        <translation>Der Eintrag wurde gelöscht (verkettet an Position %1).</translation>
    </message>
    <message>
        <source>Runs are missing from the database chain: they were removed together with their chain entries.</source>
        <translation>In der Datenbankkette fehlen Läufe: Sie wurden zusammen mit ihren Kettengliedern entfernt.</translation>
    </message>
    <message>
        <source>The database position appears more than once.</source>
        <translation>Die Datenbankposition kommt mehrfach vor.</translation>
    </message>
</context>
<context>
    <name>workbench::models::AuditChainWriter</name>
    <message>
        <source>Preparing the audit chain insert failed: %1</source>
        <translation>Vorbereiten des Einfügens in die Audit-Kette fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Recording the audit chain of run %1 failed: %2</source>
        <translation>Aufzeichnen der Audit-Kette von Lauf %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <source>Execution run &apos;%1&apos; not found</source>
        <translation>Lauf „%1“ nicht gefunden</translation>
    </message>
    <message>
        <source>locking the database chain</source>
        <translation>Sperren der Datenbankkette</translation>
    </message>
    <message>
        <source>reading the database chain</source>
        <translation>Lesen der Datenbankkette</translation>
    </message>
    <message>
        <source>approval %1</source>
        <translation>Freigabe %1</translation>
    </message>
    <message>
        <source>Approval %1 not found</source>
        <translation>Freigabe %1 nicht gefunden</translation>
    </message>
</context>
<context>
    <name>workbench::models::Database</name>
    <message>
        <source>Cannot open the database %1: it is not a file.</source>
        <translation>Die Datenbank %1 kann nicht geöffnet werden: Sie ist keine Datei.</translation>
    </message>
    <message>
        <source>Cannot open the database %1: permission denied.</source>
        <translation>Die Datenbank %1 kann nicht geöffnet werden: Zugriff verweigert.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the database.</source>
        <translation>Der Ordner %1 für die Datenbank kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot create the database file %1: %2.</source>
        <translation>Die Datenbankdatei %1 kann nicht angelegt werden: %2.</translation>
    </message>
    <message>
        <source>The PostgreSQL driver for Qt (QPSQL, package libqt6sql6-psql) is not installed.</source>
        <translation>Der PostgreSQL-Treiber für Qt (QPSQL, Paket libqt6sql6-psql) ist nicht installiert.</translation>
    </message>
    <message>
        <source>The Qt SQL driver for %1 could not be loaded.</source>
        <translation>Der Qt-SQL-Treiber für %1 konnte nicht geladen werden.</translation>
    </message>
    <message>
        <source>Cannot connect to PostgreSQL at %1: %2</source>
        <translation>Keine Verbindung zu PostgreSQL unter %1: %2</translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation>Die Datenbank %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a CCDash Workbench database (not a SQLite file). Nothing was changed.</source>
        <translation>%1 ist keine Datenbank von CCDash Workbench (keine SQLite-Datei). Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Cannot read the database %1: %2</source>
        <translation>Die Datenbank %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Cannot configure the database %1 (%2): %3</source>
        <translation>Die Datenbank %1 kann nicht eingerichtet werden (%2): %3</translation>
    </message>
    <message>
        <source>Cannot configure the PostgreSQL session: %1</source>
        <translation>Die PostgreSQL-Sitzung kann nicht eingerichtet werden: %1</translation>
    </message>
    <message>
        <source>Preparing a statement failed: %1</source>
        <translation>Vorbereiten einer Anweisung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>A database statement failed: %1</source>
        <translation>Eine Datenbankanweisung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Starting a transaction failed: %1</source>
        <translation>Starten einer Transaktion fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Committing failed: %1</source>
        <translation>Festschreiben fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cannot reach PostgreSQL at %1: %2</source>
        <translation>PostgreSQL unter %1 ist nicht erreichbar: %2</translation>
    </message>
</context>
<context>
    <name>workbench::models::EventWriter</name>
    <message>
        <source>The database file %1 was deleted or replaced while the workbench was writing to it; nothing more is written there.</source>
        <translation>Die Datenbankdatei %1 wurde gelöscht oder ersetzt, während die Workbench in sie schrieb; dort wird nichts mehr geschrieben.</translation>
    </message>
    <message>
        <source>The database file %1 is no longer writable (%2); nothing more is written there.</source>
        <translation>Die Datenbankdatei %1 ist nicht mehr beschreibbar (%2); dort wird nichts mehr geschrieben.</translation>
    </message>
    <message>
        <source>The store has been unreachable too long: %1 KiB in %2 writes are held, more than the limit of %3 KiB in %4 writes (%5)</source>
        <translation>Der Speicher ist zu lange nicht erreichbar: %1 KiB in %2 Schreibvorgängen werden zurückgehalten, mehr als die Grenze von %3 KiB in %4 Schreibvorgängen (%5)</translation>
    </message>
</context>
<context>
    <name>workbench::models::ExecutionRepository</name>
    <message>
        <source>Creating run %1: %2</source>
        <translation>Anlegen von Lauf %1: %2</translation>
    </message>
    <message>
        <source>Run %1 is %2; it was not changed.</source>
        <translation>Lauf %1 ist %2; er wurde nicht geändert.</translation>
    </message>
    <message>
        <source>An event has no run id.</source>
        <translation>Ein Ereignis hat keine Lauf-ID.</translation>
    </message>
    <message>
        <source>Preparing the event insert failed: %1</source>
        <translation>Vorbereiten des Einfügens von Ereignissen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Storing an event of run %1 failed: %2</source>
        <translation>Speichern eines Ereignisses von Lauf %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Storing events failed: %1</source>
        <translation>Speichern von Ereignissen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>An approval can only be resolved as approved or denied.</source>
        <translation>Eine Freigabe kann nur als erteilt oder verweigert abgeschlossen werden.</translation>
    </message>
    <message>
        <source>Approval %1 not found</source>
        <translation>Freigabe %1 nicht gefunden</translation>
    </message>
    <message>
        <source>Approval %1 is already %2.</source>
        <translation>Freigabe %1 ist bereits %2.</translation>
    </message>
    <message>
        <source>Recording the owner of run %1: %2</source>
        <translation>Aufzeichnen des Besitzers von Lauf %1: %2</translation>
    </message>
</context>
<context>
    <name>workbench::models::Findings</name>
    <message numerus="yes">
        <source>%n more finding(s) like the above are not listed.</source>
        <translation>
            <numerusform>%n weiterer Befund dieser Art wird nicht aufgeführt.</numerusform>
            <numerusform>%n weitere Befunde dieser Art werden nicht aufgeführt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>workbench::models::RunHistoryModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>Created %1</source>
        <translation>Erstellt %1</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Feature</source>
        <translation>Feature</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Risiko</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Exit code</source>
        <translation>Exit-Code</translation>
    </message>
</context>
<context>
    <name>workbench::policy::PolicyEngine</name>
    <message>
        <source>No configuration directory to keep the trust in.</source>
        <translation>Kein Konfigurationsverzeichnis, in dem das Vertrauen gespeichert werden kann.</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>%1 kann nicht angelegt werden.</translation>
    </message>
</context>
<context>
    <name>workbench::policy::Reason</name>
    <message>
        <source>The working directory does not exist.</source>
        <translation>Das Arbeitsverzeichnis existiert nicht.</translation>
    </message>
    <message>
        <source>The working directory is not a directory.</source>
        <translation>Das Arbeitsverzeichnis ist kein Verzeichnis.</translation>
    </message>
    <message>
        <source>The working directory is outside the workspace.</source>
        <translation>Das Arbeitsverzeichnis liegt außerhalb des Arbeitsbereichs.</translation>
    </message>
    <message>
        <source>The environment profile &quot;%1&quot; is not supported.</source>
        <translation>Das Umgebungsprofil „%1“ wird nicht unterstützt.</translation>
    </message>
    <message>
        <source>The command is empty.</source>
        <translation>Der Befehl ist leer.</translation>
    </message>
    <message>
        <source>The command cannot be parsed: %1</source>
        <translation>Der Befehl kann nicht analysiert werden: %1</translation>
    </message>
    <message>
        <source>This command matches a blocked pattern (%1).</source>
        <translation>Dieser Befehl entspricht einem gesperrten Muster (%1).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is blocked: it can damage the system.</source>
        <translation>„%1“ ist gesperrt: Es kann das System beschädigen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; runs with elevated privileges.</source>
        <translation>„%1“ läuft mit erhöhten Rechten.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; deletes or overwrites data.</source>
        <translation>„%1“ löscht oder überschreibt Daten.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; accesses the network.</source>
        <translation>„%1“ greift auf das Netzwerk zu.</translation>
    </message>
    <message>
        <source>The command has several parts; each part was judged.</source>
        <translation>Der Befehl besteht aus mehreren Teilen; jeder Teil wurde bewertet.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; only reads.</source>
        <translation>„%1“ liest nur.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a standard development command.</source>
        <translation>„%1“ ist ein üblicher Entwicklungsbefehl.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a known command.</source>
        <translation>„%1“ ist kein bekannter Befehl.</translation>
    </message>
    <message>
        <source>Command execution is switched off by the system policy.</source>
        <translation>Die Ausführung von Befehlen ist durch die Systemrichtlinie abgeschaltet.</translation>
    </message>
    <message>
        <source>The workspace does not exist.</source>
        <translation>Der Arbeitsbereich existiert nicht.</translation>
    </message>
    <message>
        <source>The path &quot;%1&quot; is outside the workspace.</source>
        <translation>Der Pfad „%1“ liegt außerhalb des Arbeitsbereichs.</translation>
    </message>
    <message>
        <source>The redirection target &quot;%1&quot; is outside the workspace.</source>
        <translation>Das Umleitungsziel „%1“ liegt außerhalb des Arbeitsbereichs.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is the workspace root, the home directory or the filesystem root.</source>
        <translation>„%1“ ist die Wurzel des Arbeitsbereichs, das Home-Verzeichnis oder die Wurzel des Dateisystems.</translation>
    </message>
    <message>
        <source>The program name is only known when the command runs.</source>
        <translation>Der Programmname ist erst bekannt, wenn der Befehl läuft.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is only known when the command runs and could point anywhere.</source>
        <translation>„%1“ ist erst bekannt, wenn der Befehl läuft, und könnte überallhin zeigen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is disguised (look-alike characters, hidden characters, quoting or encoding).</source>
        <translation>„%1“ ist getarnt (ähnlich aussehende oder versteckte Zeichen, Quoting oder Kodierung).</translation>
    </message>
    <message>
        <source>Downloaded or decoded data is run as code (%1).</source>
        <translation>Heruntergeladene oder dekodierte Daten werden als Code ausgeführt (%1).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; runs inline code.</source>
        <translation>„%1“ führt eingebetteten Code aus.</translation>
    </message>
    <message>
        <source>The option &quot;%1&quot; runs another program.</source>
        <translation>Die Option „%1“ startet ein anderes Programm.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; evaluates text as shell code.</source>
        <translation>„%1“ wertet Text als Shell-Code aus.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; starts a process that outlives the run.</source>
        <translation>„%1“ startet einen Prozess, der den Lauf überdauert.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is credential material.</source>
        <translation>„%1“ enthält Zugangsdaten.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; may contain secrets, and the output is stored in the audit log.</source>
        <translation>„%1“ kann Geheimnisse enthalten, und die Ausgabe wird im Audit-Protokoll gespeichert.</translation>
    </message>
    <message>
        <source>Secrets or the environment would be sent to the network (%1).</source>
        <translation>Geheimnisse oder die Umgebung würden ins Netzwerk gesendet (%1).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; prints the environment, and the output is stored in the audit log.</source>
        <translation>„%1“ gibt die Umgebung aus, und die Ausgabe wird im Audit-Protokoll gespeichert.</translation>
    </message>
    <message>
        <source>Setting %1 can make a safe command run something else.</source>
        <translation>Das Setzen von %1 kann einen sicheren Befehl etwas anderes ausführen lassen.</translation>
    </message>
    <message>
        <source>The git setting &quot;%1&quot; runs a program.</source>
        <translation>Die Git-Einstellung „%1“ führt ein Programm aus.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is an agent command run through the agent launcher.</source>
        <translation>„%1“ ist ein Agent-Befehl, der über den Agent-Starter ausgeführt wird.</translation>
    </message>
    <message>
        <source>The command is nested too deeply to be checked.</source>
        <translation>Der Befehl ist zu tief verschachtelt, um geprüft zu werden.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; rewrites or deletes remote history.</source>
        <translation>„%1“ schreibt entfernte Historie um oder löscht sie.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; force-pushes with a lease.</source>
        <translation>„%1“ erzwingt einen Push mit Lease.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; rewrites local history.</source>
        <translation>„%1“ schreibt lokale Historie um.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; publishes outside this machine.</source>
        <translation>„%1“ veröffentlicht außerhalb dieses Rechners.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; changes files that run on login, on schedule or at boot.</source>
        <translation>„%1“ ändert Dateien, die bei der Anmeldung, zeitgesteuert oder beim Systemstart laufen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; gains elevated privileges.</source>
        <translation>„%1“ erlangt erhöhte Rechte.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a block device or kernel memory.</source>
        <translation>„%1“ ist ein Blockgerät oder Kernel-Speicher.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; adds new dependencies from a registry.</source>
        <translation>„%1“ fügt neue Abhängigkeiten aus einer Registry hinzu.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; installs outside the workspace.</source>
        <translation>„%1“ installiert außerhalb des Arbeitsbereichs.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; writes global configuration.</source>
        <translation>„%1“ schreibt globale Konfiguration.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; destroys infrastructure, containers or data.</source>
        <translation>„%1“ zerstört Infrastruktur, Container oder Daten.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; changes infrastructure.</source>
        <translation>„%1“ ändert Infrastruktur.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; runs or changes containers.</source>
        <translation>„%1“ startet oder ändert Container.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; downloads and runs a package.</source>
        <translation>„%1“ lädt ein Paket herunter und führt es aus.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; signals other processes.</source>
        <translation>„%1“ sendet Signale an andere Prozesse.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; controls system services.</source>
        <translation>„%1“ steuert Systemdienste.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs an interactive terminal.</source>
        <translation>„%1“ braucht ein interaktives Terminal.</translation>
    </message>
    <message>
        <source>The link points outside the workspace (%1).</source>
        <translation>Der Link zeigt aus dem Arbeitsbereich heraus (%1).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; changes git hooks or configuration that run code later.</source>
        <translation>„%1“ ändert Git-Hooks oder Konfiguration, die später Code ausführen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a script of the project.</source>
        <translation>„%1“ ist ein Skript des Projekts.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is written inside the workspace.</source>
        <translation>„%1“ wird innerhalb des Arbeitsbereichs geschrieben.</translation>
    </message>
    <message>
        <source>A policy rule matches: %1</source>
        <translation>Eine Richtlinienregel trifft zu: %1</translation>
    </message>
    <message>
        <source>The SQL run by &quot;%1&quot; is read from a file or another program and is not seen when the command is judged.</source>
        <translation>Das von „%1“ ausgeführte SQL wird aus einer Datei oder von einem anderen Programm gelesen und ist bei der Prüfung des Befehls nicht sichtbar.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; writes output without end to a file and can fill the disk.</source>
        <translation>„%1“ schreibt endlose Ausgabe in eine Datei und kann die Festplatte füllen.</translation>
    </message>
</context>
<context>
    <name>workbench::policy::RuleSet</name>
    <message>
        <source>The built-in rules lack a version, outcomes or programs.</source>
        <translation>Den eingebauten Regeln fehlen Version, Ergebnisse oder Programme.</translation>
    </message>
    <message>
        <source>The file must hold a JSON object.</source>
        <translation>Die Datei muss ein JSON-Objekt enthalten.</translation>
    </message>
    <message>
        <source>Unknown key &quot;%1&quot;.</source>
        <translation>Unbekannter Schlüssel „%1“.</translation>
    </message>
    <message>
        <source>&quot;executionEnabled&quot; must be true or false.</source>
        <translation>„executionEnabled“ muss true oder false sein.</translation>
    </message>
    <message>
        <source>&quot;rules&quot; must be an array.</source>
        <translation>„rules“ muss ein Array sein.</translation>
    </message>
    <message>
        <source>Rule %1 needs a &quot;match&quot; and a verdict (allow, requires_approval or deny).</source>
        <translation>Regel %1 braucht ein „match“ und eine Bewertung (allow, requires_approval oder deny).</translation>
    </message>
    <message>
        <source>Rule %1 (&quot;allow&quot;) ignored: this file may only tighten the policy.</source>
        <translation>Regel %1 („allow“) ignoriert: Diese Datei darf die Richtlinie nur verschärfen.</translation>
    </message>
    <message>
        <source>Unknown program class &quot;%1&quot;.</source>
        <translation>Unbekannte Programmklasse „%1“.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; not moved to &quot;%2&quot;: this file may only tighten the policy.</source>
        <translation>„%1“ nicht nach „%2“ verschoben: Diese Datei darf die Richtlinie nur verschärfen.</translation>
    </message>
    <message>
        <source>&quot;executionEnabled&quot;: true cannot switch execution back on.</source>
        <translation>„executionEnabled“: true kann die Ausführung nicht wieder einschalten.</translation>
    </message>
</context>
<context>
    <name>workbench::policy::ShellLexer</name>
    <message>
        <source>The command is nested too deeply to be checked.</source>
        <translation>Der Befehl ist zu tief verschachtelt, um geprüft zu werden.</translation>
    </message>
    <message>
        <source>Unterminated single quote.</source>
        <translation>Nicht abgeschlossenes einfaches Anführungszeichen.</translation>
    </message>
    <message>
        <source>Unterminated $&apos;...&apos; string.</source>
        <translation>Nicht abgeschlossene $&apos;...&apos;-Zeichenkette.</translation>
    </message>
    <message>
        <source>Unterminated double quote.</source>
        <translation>Nicht abgeschlossenes doppeltes Anführungszeichen.</translation>
    </message>
    <message>
        <source>Command substitution is not supported here.</source>
        <translation>Befehlsersetzung wird hier nicht unterstützt.</translation>
    </message>
    <message>
        <source>Bad parameter expansion.</source>
        <translation>Fehlerhafte Parameterexpansion.</translation>
    </message>
    <message>
        <source>Unterminated ${...} expansion.</source>
        <translation>Nicht abgeschlossene ${...}-Expansion.</translation>
    </message>
    <message>
        <source>Unbalanced parentheses in arithmetic.</source>
        <translation>Unausgeglichene Klammern in Arithmetik.</translation>
    </message>
    <message>
        <source>Unterminated arithmetic expression.</source>
        <translation>Nicht abgeschlossener arithmetischer Ausdruck.</translation>
    </message>
    <message>
        <source>Unterminated backtick substitution.</source>
        <translation>Nicht abgeschlossene Backtick-Ersetzung.</translation>
    </message>
    <message>
        <source>Invalid command inside backticks.</source>
        <translation>Ungültiger Befehl in Backticks.</translation>
    </message>
    <message>
        <source>Process substitution is not supported here.</source>
        <translation>Prozessersetzung wird hier nicht unterstützt.</translation>
    </message>
    <message>
        <source>Unterminated array assignment.</source>
        <translation>Nicht abgeschlossene Array-Zuweisung.</translation>
    </message>
    <message>
        <source>Unexpected character in array assignment.</source>
        <translation>Unerwartetes Zeichen in Array-Zuweisung.</translation>
    </message>
</context>
<context>
    <name>workbench::policy::ShellParser</name>
    <message>
        <source>The command ends where more was expected (unbalanced or dangling syntax).</source>
        <translation>Der Befehl endet, wo mehr erwartet wurde (unausgeglichene oder unvollständige Syntax).</translation>
    </message>
    <message>
        <source>Unexpected &quot;%1&quot;.</source>
        <translation>Unerwartetes „%1“.</translation>
    </message>
    <message>
        <source>newline</source>
        <translation>Zeilenumbruch</translation>
    </message>
    <message>
        <source>Missing &quot;%1&quot;.</source>
        <translation>„%1“ fehlt.</translation>
    </message>
    <message>
        <source>A loop needs a variable name.</source>
        <translation>Eine Schleife braucht einen Variablennamen.</translation>
    </message>
    <message>
        <source>Missing &quot;]]&quot;.</source>
        <translation>„]]“ fehlt.</translation>
    </message>
    <message>
        <source>A redirection needs a target.</source>
        <translation>Eine Umleitung braucht ein Ziel.</translation>
    </message>
    <message>
        <source>Invalid shell syntax.</source>
        <translation>Ungültige Shell-Syntax.</translation>
    </message>
</context>
<context>
    <name>workbench::runtime::RunSupervisor</name>
    <message>
        <source>Empty command token list.</source>
        <translation>Leere Liste von Befehlsbestandteilen.</translation>
    </message>
    <message>
        <source>[Errno 2] No such file or directory: &apos;%1&apos;</source>
        <translation>[Errno 2] Datei oder Verzeichnis nicht gefunden: &apos;%1&apos;</translation>
    </message>
    <message>
        <source>[Errno 13] Permission denied: &apos;%1&apos;</source>
        <translation>[Errno 13] Zugriff verweigert: &apos;%1&apos;</translation>
    </message>
    <message>
        <source>[Errno 2] Working directory not found: &apos;%1&apos;</source>
        <translation>[Errno 2] Arbeitsverzeichnis nicht gefunden: &apos;%1&apos;</translation>
    </message>
    <message>
        <source>[Errno 20] Working directory is not a directory: &apos;%1&apos;</source>
        <translation>[Errno 20] Arbeitsverzeichnis ist kein Verzeichnis: &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Could not create an output pipe: %1</source>
        <translation>Es konnte keine Ausgabe-Pipe angelegt werden: %1</translation>
    </message>
    <message>
        <source>%1 reached the output cap: its first %2 bytes are recorded live; of the rest, the last %3 bytes are kept and recorded when the run ends.</source>
        <translation>%1 hat die Ausgabegrenze erreicht: Die ersten %2 Bytes werden live aufgezeichnet; vom Rest werden die letzten %3 Bytes behalten und am Ende des Laufs aufgezeichnet.</translation>
    </message>
    <message>
        <source>Output truncated: %1 bytes of %2 were dropped (kept the first %3 and the last %4 bytes).</source>
        <translation>Ausgabe gekürzt: %1 von %2 Bytes wurden verworfen (behalten wurden die ersten %3 und die letzten %4 Bytes).</translation>
    </message>
    <message numerus="yes">
        <source>The command exited but %n process(es) of its group were still running; stopping them.</source>
        <translation>
            <numerusform>Der Befehl hat sich beendet, aber %n Prozess seiner Gruppe lief noch; er wird beendet.</numerusform>
            <numerusform>Der Befehl hat sich beendet, aber %n Prozesse seiner Gruppe liefen noch; sie werden beendet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Run timed out after %1 s.</source>
        <translation>Zeitüberschreitung des Laufs nach %1 s.</translation>
    </message>
    <message>
        <source>Sent SIGTERM to process group %1.</source>
        <translation>SIGTERM an Prozessgruppe %1 gesendet.</translation>
    </message>
    <message>
        <source>Sent SIGKILL to process group %1 after a %2 s grace period.</source>
        <translation>SIGKILL an Prozessgruppe %1 nach einer Schonfrist von %2 s gesendet.</translation>
    </message>
    <message>
        <source>A process outside the run&apos;s process group kept %1 open; stopped reading it.</source>
        <translation>Ein Prozess außerhalb der Prozessgruppe des Laufs hielt %1 offen; das Lesen wurde beendet.</translation>
    </message>
</context>
<context>
    <name>workbench::ui::ApprovalDialog</name>
    <message>
        <source>Execution Approval Required</source>
        <translation>Freigabe der Ausführung erforderlich</translation>
    </message>
    <message>
        <source>This command was classified as &lt;b&gt;%1&lt;/b&gt; risk and is blocked pending approval.</source>
        <translation>Dieser Befehl wurde mit dem Risiko &lt;b&gt;%1&lt;/b&gt; eingestuft und ist bis zur Freigabe blockiert.</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Command:</source>
        <translation>Befehl:</translation>
    </message>
    <message>
        <source>Working directory</source>
        <translation>Arbeitsverzeichnis</translation>
    </message>
    <message>
        <source>Working directory:</source>
        <translation>Arbeitsverzeichnis:</translation>
    </message>
    <message>
        <source>Env profile:</source>
        <translation>Umgebungsprofil:</translation>
    </message>
    <message>
        <source>The policy gave no further reasons.</source>
        <translation>Die Richtlinie nannte keine weiteren Gründe.</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>Warum:</translation>
    </message>
    <message>
        <source>&amp;Reason (recorded in the audit trail):</source>
        <translation>&amp;Begründung (wird im Prüfprotokoll gespeichert):</translation>
    </message>
    <message>
        <source>Add rationale for audit trail</source>
        <translation>Begründung für das Prüfprotokoll angeben</translation>
    </message>
    <message>
        <source>Reason for the decision</source>
        <translation>Begründung der Entscheidung</translation>
    </message>
    <message>
        <source>Re&amp;member this approval for this exact command in this workspace</source>
        <translation>Diese Freigabe für genau diesen Befehl in diesem Arbeitsbereich &amp;merken</translation>
    </message>
    <message>
        <source>&amp;Approve and Run</source>
        <translation>&amp;Freigeben und ausführen</translation>
    </message>
    <message>
        <source>&amp;Deny</source>
        <translation>&amp;Verweigern</translation>
    </message>
</context>
<context>
    <name>workbench::ui::FeaturePicker</name>
    <message>
        <source>&amp;Project:</source>
        <translation>&amp;Projekt:</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Search feature (id, name, category, tags)</source>
        <translation>Feature suchen (ID, Name, Kategorie, Tags)</translation>
    </message>
    <message>
        <source>Search features</source>
        <translation>Features suchen</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>Features</translation>
    </message>
    <message>
        <source>No features loaded.</source>
        <translation>Keine Features geladen.</translation>
    </message>
    <message>
        <source>No feature matches “%1”.</source>
        <translation>Kein Feature passt zu „%1“.</translation>
    </message>
</context>
<context>
    <name>workbench::ui::MainWindow</name>
    <message>
        <source>CCDash Workbench</source>
        <translation>CCDash Workbench</translation>
    </message>
    <message numerus="yes">
        <source>%n second(s) ago</source>
        <translation>
            <numerusform>vor %n Sekunde</numerusform>
            <numerusform>vor %n Sekunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>vor %n Minute</numerusform>
            <numerusform>vor %n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>vor %n Stunde</numerusform>
            <numerusform>vor %n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) left running by an earlier session were marked interrupted.</source>
        <translation>
            <numerusform>%n Lauf, der von einer früheren Sitzung laufen gelassen wurde, wurde als unterbrochen markiert.</numerusform>
            <numerusform>%n Läufe, die von einer früheren Sitzung laufen gelassen wurden, wurden als unterbrochen markiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>CCDash connection problem</source>
        <translation>Verbindungsproblem mit CCDash</translation>
    </message>
    <message>
        <source>&amp;Workspace…</source>
        <translation>&amp;Arbeitsbereich…</translation>
    </message>
    <message>
        <source>Choose the workspace for runs</source>
        <translation>Den Arbeitsbereich für Läufe wählen</translation>
    </message>
    <message>
        <source>The folder runs are confined to (used when CCDash gives none or is offline)</source>
        <translation>Der Ordner, auf den Läufe beschränkt sind (wenn CCDash keinen nennt oder offline ist)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Run History&lt;/b&gt;</source>
        <translation>&lt;b&gt;Verlauf&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Only the selected &amp;feature</source>
        <translation>Nur das ausgewählte &amp;Feature</translation>
    </message>
    <message>
        <source>&amp;Run Recommendation…</source>
        <translation>Empfehlung &amp;ausführen…</translation>
    </message>
    <message>
        <source>&amp;New Command…</source>
        <translation>&amp;Neuer Befehl…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Lauf</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>Run stopped</source>
        <translation>Lauf beendet</translation>
    </message>
    <message>
        <source>The run&apos;s events could not be stored, so it was stopped: %1</source>
        <translation>Die Ereignisse des Laufs konnten nicht gespeichert werden, daher wurde er beendet: %1</translation>
    </message>
    <message>
        <source>Output could not be read: %1</source>
        <translation>Die Ausgabe konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Command copied to the clipboard.</source>
        <translation>Befehl in die Zwischenablage kopiert.</translation>
    </message>
    <message>
        <source>No application could open %1.</source>
        <translation>Keine Anwendung konnte %1 öffnen.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2.</source>
        <translation>%1 kann nicht geöffnet werden: %2.</translation>
    </message>
    <message>
        <source>Runs still active</source>
        <translation>Läufe noch aktiv</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) are still running. Quitting stops them (they are recorded as interrupted). Quit anyway?</source>
        <translation>
            <numerusform>%n Lauf läuft noch. Beenden stoppt ihn (er wird als unterbrochen aufgezeichnet). Trotzdem beenden?</numerusform>
            <numerusform>%n Läufe laufen noch. Beenden stoppt sie (sie werden als unterbrochen aufgezeichnet). Trotzdem beenden?</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading features…</source>
        <translation>Features werden geladen…</translation>
    </message>
    <message>
        <source>CCDash&apos;s project root %1 is not on this machine: choose its local folder.</source>
        <translation>Das Projektverzeichnis %1 von CCDash ist auf diesem Rechner nicht vorhanden: Wählen Sie seinen lokalen Ordner.</translation>
    </message>
    <message>
        <source>Features could not be loaded: %1</source>
        <translation>Features konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>CCDash is not reachable, so there is no recommendation. You can still run a command in the chosen workspace: File ▸ New Command (Ctrl+N).</source>
        <translation>CCDash ist nicht erreichbar, daher gibt es keine Empfehlung. Sie können trotzdem einen Befehl im gewählten Arbeitsbereich ausführen: Datei ▸ Neuer Befehl (Strg+N).</translation>
    </message>
    <message>
        <source>Select a feature to load execution guidance.</source>
        <translation>Wählen Sie ein Feature, um Hinweise zur Ausführung zu laden.</translation>
    </message>
    <message>
        <source>Loading execution context…</source>
        <translation>Ausführungskontext wird geladen…</translation>
    </message>
    <message>
        <source>The recommendation could not be loaded: %1</source>
        <translation>Die Empfehlung konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;CCDash is unreachable&lt;/b&gt; (%1): %2</source>
        <translation>&lt;b&gt;CCDash ist nicht erreichbar&lt;/b&gt; (%1): %2</translation>
    </message>
    <message>
        <source>&lt;br&gt;Showing the copy saved %1.</source>
        <translation>&lt;br&gt;Angezeigt wird die Kopie vom %1.</translation>
    </message>
    <message>
        <source>&lt;br&gt;Ad-hoc commands in the chosen workspace still work (Ctrl+N). Press F5 to try again.</source>
        <translation>&lt;br&gt;Ad-hoc-Befehle im gewählten Arbeitsbereich funktionieren weiterhin (Strg+N). Drücken Sie F5 für einen neuen Versuch.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Workspace:&lt;/b&gt; &lt;i&gt;none chosen&lt;/i&gt;</source>
        <translation>&lt;b&gt;Arbeitsbereich:&lt;/b&gt; &lt;i&gt;keiner gewählt&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Workspace:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Arbeitsbereich:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>Workspace for runs</source>
        <translation>Arbeitsbereich für Läufe</translation>
    </message>
    <message>
        <source>Choose a workspace first: runs are confined to it.</source>
        <translation>Wählen Sie zuerst einen Arbeitsbereich: Läufe sind auf ihn beschränkt.</translation>
    </message>
    <message>
        <source>Run not started</source>
        <translation>Lauf nicht gestartet</translation>
    </message>
    <message>
        <source>The policy blocked this run; nothing was started.</source>
        <translation>Die Richtlinie hat diesen Lauf blockiert; es wurde nichts gestartet.</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>Freigabe</translation>
    </message>
    <message>
        <source>The run waits for a decision: Run ▸ Review Approval.</source>
        <translation>Der Lauf wartet auf eine Entscheidung: Lauf ▸ Freigabe prüfen.</translation>
    </message>
    <message>
        <source>Run %1 could not be read: %2</source>
        <translation>Lauf %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <source>%1
%2 after %3</source>
        <translation>%1
%2 nach %3</translation>
    </message>
    <message>
        <source>canceled by the user</source>
        <translation>vom Benutzer abgebrochen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Command, working directory and output copied to the clipboard.</source>
        <translation>Befehl, Arbeitsverzeichnis und Ausgabe in die Zwischenablage kopiert.</translation>
    </message>
    <message>
        <source>Plain text, colours removed (*.txt)</source>
        <translation>Reiner Text, ohne Farben (*.txt)</translation>
    </message>
    <message>
        <source>HTML page with colours (*.html)</source>
        <translation>HTML-Seite mit Farben (*.html)</translation>
    </message>
    <message>
        <source>Exact bytes the command wrote (*.raw)</source>
        <translation>Exakte Bytes, die der Befehl geschrieben hat (*.raw)</translation>
    </message>
    <message>
        <source>CCDash JSON: run, events, approvals (*.json)</source>
        <translation>CCDash-JSON: Lauf, Ereignisse, Freigaben (*.json)</translation>
    </message>
    <message>
        <source>asciinema recording, replays with timing (*.cast)</source>
        <translation>asciinema-Aufnahme, mit Zeitablauf abspielbar (*.cast)</translation>
    </message>
    <message>
        <source>Export Run</source>
        <translation>Lauf exportieren</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 existiert bereits. Ersetzen?</translation>
    </message>
    <message>
        <source>Run exported to %1.</source>
        <translation>Lauf nach %1 exportiert.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>The new database is used the next time the workbench starts.</source>
        <translation>Die neue Datenbank wird beim nächsten Start der Workbench verwendet.</translation>
    </message>
    <message>
        <source>--database needs a value.</source>
        <translation>--database erwartet einen Wert.</translation>
    </message>
    <message>
        <source>Cannot open the run history</source>
        <translation>Der Verlauf kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Cannot start runs</source>
        <translation>Läufe können nicht gestartet werden</translation>
    </message>
    <message>
        <source>Trust Workspace &amp;Policy…</source>
        <translation>&amp;Richtlinie des Arbeitsbereichs vertrauen…</translation>
    </message>
    <message>
        <source>Show the workspace&apos;s own policy file and trust exactly this version of it</source>
        <translation>Die eigene Richtliniendatei des Arbeitsbereichs anzeigen und genau dieser Fassung vertrauen</translation>
    </message>
    <message>
        <source>Trust Workspace Policy</source>
        <translation>Richtlinie des Arbeitsbereichs vertrauen</translation>
    </message>
    <message>
        <source>The workspace has no policy file of its own (%1): the installed rules apply.</source>
        <translation>Der Arbeitsbereich hat keine eigene Richtliniendatei (%1): Es gelten die installierten Regeln.</translation>
    </message>
    <message>
        <source>Trusted %1: its rules now apply, also where they loosen the policy. Any edit to the file withdraws the trust.</source>
        <translation>%1 wird vertraut: Ihre Regeln gelten jetzt, auch wo sie die Richtlinie lockern. Jede Änderung an der Datei entzieht das Vertrauen.</translation>
    </message>
    <message>
        <source>Store unreachable: holding this desktop&apos;s events, reconnecting…</source>
        <translation>Speicher nicht erreichbar: Ereignisse dieses Rechners werden zurückgehalten, Verbindung wird wiederhergestellt…</translation>
    </message>
    <message>
        <source>Store failing: runs are stopped</source>
        <translation>Speicher fehlerhaft: Läufe werden angehalten</translation>
    </message>
    <message>
        <source>Store: reconnecting…</source>
        <translation>Speicher: Verbindung wird wiederhergestellt…</translation>
    </message>
    <message>
        <source>Store: live</source>
        <translation>Speicher: live</translation>
    </message>
    <message>
        <source>CCDash could not list the features (the problem is shown above), so there is no recommendation. You can still run a command in the chosen workspace: File ▸ New Command (Ctrl+N).</source>
        <translation>CCDash konnte die Features nicht auflisten (das Problem steht oben), daher gibt es keine Empfehlung. Sie können trotzdem einen Befehl im gewählten Arbeitsbereich ausführen: Datei ▸ Neuer Befehl (Strg+N).</translation>
    </message>
</context>
<context>
    <name>workbench::ui::OutputFindBar</name>
    <message>
        <source>Find in output</source>
        <translation>In der Ausgabe suchen</translation>
    </message>
    <message>
        <source>Search text</source>
        <translation>Suchtext</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Suchergebnisse</translation>
    </message>
    <message>
        <source>100000+ of 100000+</source>
        <translation>100000+ von 100000+</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>Vorheriger Treffer (Umschalt+F3)</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>Nächster Treffer (F3)</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>Groß-/Kleinschreibung beachten</translation>
    </message>
    <message>
        <source>Close find bar (Esc)</source>
        <translation>Suchleiste schließen (Esc)</translation>
    </message>
    <message>
        <source>No results</source>
        <translation>Keine Treffer</translation>
    </message>
    <message>
        <source>%1 of %2%3</source>
        <translation>%1 von %2%3</translation>
    </message>
</context>
<context>
    <name>workbench::ui::OutputTextView</name>
    <message>
        <source>Run output</source>
        <translation>Ausgabe des Laufs</translation>
    </message>
    <message>
        <source>Jump to latest ↓</source>
        <translation>Zur neuesten Ausgabe ↓</translation>
    </message>
    <message>
        <source>Scroll to the newest output and keep following it (End)</source>
        <translation>Zur neuesten Ausgabe scrollen und ihr weiter folgen (Ende)</translation>
    </message>
    <message>
        <source>Jump to latest output</source>
        <translation>Zur neuesten Ausgabe springen</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy &amp;All Output</source>
        <translation>&amp;Gesamte Ausgabe kopieren</translation>
    </message>
    <message>
        <source>Select A&amp;ll</source>
        <translation>&amp;Alles auswählen</translation>
    </message>
    <message>
        <source>⋯ %1 earlier lines not shown (the view keeps the latest %2)</source>
        <translation>⋯ %1 frühere Zeilen ausgeblendet (die Ansicht behält die neuesten %2)</translation>
    </message>
    <message>
        <source>Open %1 at line %2, column %3</source>
        <translation>%1 in Zeile %2, Spalte %3 öffnen</translation>
    </message>
    <message>
        <source>Open %1 at line %2</source>
        <translation>%1 in Zeile %2 öffnen</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <source>Open %1:%2</source>
        <translation>%1:%2 öffnen</translation>
    </message>
    <message>
        <source>Copy Path</source>
        <translation>Pfad kopieren</translation>
    </message>
</context>
<context>
    <name>workbench::ui::OutputView</name>
    <message>
        <source>Live output</source>
        <translation>Live-Ausgabe</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <source>Find &amp;Next</source>
        <translation>&amp;Weitersuchen</translation>
    </message>
    <message>
        <source>Find &amp;Previous</source>
        <translation>&amp;Rückwärts suchen</translation>
    </message>
    <message>
        <source>&amp;Wrap Lines</source>
        <translation>&amp;Zeilen umbrechen</translation>
    </message>
    <message>
        <source>Wrap long lines to the width of the pane</source>
        <translation>Lange Zeilen auf die Breite des Bereichs umbrechen</translation>
    </message>
    <message>
        <source>&amp;Timestamps</source>
        <translation>&amp;Zeitstempel</translation>
    </message>
    <message>
        <source>Show when each line was written</source>
        <translation>Anzeigen, wann jede Zeile geschrieben wurde</translation>
    </message>
</context>
<context>
    <name>workbench::ui::RecommendationCard</name>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>&lt;b&gt;Gate:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Gate:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Dependencies:&lt;/b&gt; %1 (%2 of %3 resolved)</source>
        <translation>&lt;b&gt;Abhängigkeiten:&lt;/b&gt; %1 (%2 von %3 erfüllt)</translation>
    </message>
    <message>
        <source>; blocked by %1</source>
        <translation>; blockiert durch %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Family:&lt;/b&gt; %1 %2</source>
        <translation>&lt;b&gt;Familie:&lt;/b&gt; %1 %2</translation>
    </message>
    <message>
        <source>, next: %1</source>
        <translation>, nächstes: %1</translation>
    </message>
    <message>
        <source>Select a feature to load execution guidance.</source>
        <translation>Wählen Sie ein Feature, um Hinweise zur Ausführung zu laden.</translation>
    </message>
    <message>
        <source>&amp;Run in Workbench…</source>
        <translation>In der Workbench &amp;ausführen…</translation>
    </message>
    <message>
        <source>Review the command, then run it (Ctrl+Return)</source>
        <translation>Den Befehl prüfen und dann ausführen (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Cop&amp;y Command</source>
        <translation>Befehl &amp;kopieren</translation>
    </message>
    <message>
        <source>Open Source &amp;Doc</source>
        <translation>Quell&amp;dokument öffnen</translation>
    </message>
    <message>
        <source>&lt;b&gt;Alternatives&lt;/b&gt;</source>
        <translation>&lt;b&gt;Alternativen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Evidence&lt;/b&gt;</source>
        <translation>&lt;b&gt;Belege&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1/%2 tasks</source>
        <translation>%1/%2 Aufgaben</translation>
    </message>
    <message>
        <source>Suggested Command</source>
        <translation>Vorgeschlagener Befehl</translation>
    </message>
    <message>
        <source>Recommendation</source>
        <translation>Empfehlung</translation>
    </message>
    <message>
        <source>The gate is %1: this command is not the first executable path.</source>
        <translation>Das Gate ist %1: Dieser Befehl ist nicht der erste ausführbare Weg.</translation>
    </message>
    <message>
        <source>CCDash rule that produced this recommendation</source>
        <translation>CCDash-Regel, die diese Empfehlung erzeugt hat</translation>
    </message>
    <message>
        <source>confidence %1%</source>
        <translation>Konfidenz %1%</translation>
    </message>
    <message>
        <source>(CCDash recommended no command)</source>
        <translation>(CCDash hat keinen Befehl empfohlen)</translation>
    </message>
    <message>
        <source>Run…</source>
        <translation>Ausführen…</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>%1 ausführen</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>%1 kopieren</translation>
    </message>
    <message>
        <source>No evidence given.</source>
        <translation>Keine Belege angegeben.</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>no workspace is chosen</source>
        <translation>es ist kein Arbeitsbereich gewählt</translation>
    </message>
    <message>
        <source>it is outside the workspace %1</source>
        <translation>es liegt außerhalb des Arbeitsbereichs %1</translation>
    </message>
    <message>
        <source>%1 does not exist</source>
        <translation>%1 existiert nicht</translation>
    </message>
</context>
<context>
    <name>workbench::ui::ReviewDialog</name>
    <message>
        <source>Review and Launch Run</source>
        <translation>Lauf prüfen und starten</translation>
    </message>
    <message>
        <source>Check the command before it runs. The policy verdict updates as you edit.</source>
        <translation>Prüfen Sie den Befehl, bevor er läuft. Die Bewertung der Richtlinie wird beim Bearbeiten aktualisiert.</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>&amp;Command:</source>
        <translation>&amp;Befehl:</translation>
    </message>
    <message>
        <source>Working directory</source>
        <translation>Arbeitsverzeichnis</translation>
    </message>
    <message>
        <source>Relative to the workspace %1</source>
        <translation>Relativ zum Arbeitsbereich %1</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Choose the working directory</source>
        <translation>Das Arbeitsverzeichnis wählen</translation>
    </message>
    <message>
        <source>&amp;Working directory:</source>
        <translation>&amp;Arbeitsverzeichnis:</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>Arbeitsbereich: %1</translation>
    </message>
    <message>
        <source>Environment profile</source>
        <translation>Umgebungsprofil</translation>
    </message>
    <message>
        <source>default — the usual developer environment</source>
        <translation>default — die übliche Entwicklungsumgebung</translation>
    </message>
    <message>
        <source>minimal — PATH, HOME, locale only</source>
        <translation>minimal — nur PATH, HOME und Locale</translation>
    </message>
    <message>
        <source>project — default plus project variables</source>
        <translation>project — default plus Projektvariablen</translation>
    </message>
    <message>
        <source>ci — as a CI job would see it</source>
        <translation>ci — wie ein CI-Job sie sieht</translation>
    </message>
    <message>
        <source>&amp;Env profile:</source>
        <translation>&amp;Umgebungsprofil:</translation>
    </message>
    <message>
        <source>Timeout in minutes</source>
        <translation>Zeitlimit in Minuten</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>no timeout</source>
        <translation>kein Zeitlimit</translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation>&amp;Zeitlimit:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Policy:&lt;/b&gt;</source>
        <translation>&lt;b&gt;Richtlinie:&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Rule: %1</source>
        <translation>Regel: %1</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>manuell</translation>
    </message>
    <message>
        <source>&amp;Launch Run</source>
        <translation>Lauf &amp;starten</translation>
    </message>
    <message>
        <source>Launch run</source>
        <translation>Lauf starten</translation>
    </message>
    <message>
        <source>Enter a command to run.</source>
        <translation>Geben Sie einen auszuführenden Befehl ein.</translation>
    </message>
    <message>
        <source>Checking the command against the policy…</source>
        <translation>Der Befehl wird mit der Richtlinie abgeglichen…</translation>
    </message>
    <message>
        <source>Command is blocked by policy. Adjust the command, working directory or env profile.</source>
        <translation>Der Befehl ist durch die Richtlinie blockiert. Ändern Sie Befehl, Arbeitsverzeichnis oder Umgebungsprofil.</translation>
    </message>
    <message>
        <source>Command is blocked by policy: %1 Adjust the command, working directory or env profile.</source>
        <translation>Der Befehl ist durch die Richtlinie blockiert: %1 Ändern Sie Befehl, Arbeitsverzeichnis oder Umgebungsprofil.</translation>
    </message>
    <message>
        <source>Approval required: you will be asked to approve this run before it starts.</source>
        <translation>Freigabe erforderlich: Sie werden gebeten, diesen Lauf freizugeben, bevor er startet.</translation>
    </message>
    <message>
        <source>Working directory (inside the workspace)</source>
        <translation>Arbeitsverzeichnis (innerhalb des Arbeitsbereichs)</translation>
    </message>
    <message>
        <source>%1 is outside the workspace %2; the run&apos;s working directory must be inside it.</source>
        <translation>%1 liegt außerhalb des Arbeitsbereichs %2; das Arbeitsverzeichnis des Laufs muss darin liegen.</translation>
    </message>
</context>
<context>
    <name>workbench::ui::RunHistoryView</name>
    <message>
        <source>Status filter</source>
        <translation>Statusfilter</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Feature filter</source>
        <translation>Feature-Filter</translation>
    </message>
    <message>
        <source>Feature id</source>
        <translation>Feature-ID</translation>
    </message>
    <message>
        <source>Search runs</source>
        <translation>Läufe suchen</translation>
    </message>
    <message>
        <source>Search command, feature, rule or run id</source>
        <translation>Befehl, Feature, Regel oder Lauf-ID suchen</translation>
    </message>
    <message>
        <source>Run history</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>No run history is open.</source>
        <translation>Kein Verlauf geöffnet.</translation>
    </message>
    <message>
        <source>The run history could not be read:
%1</source>
        <translation>Der Verlauf konnte nicht gelesen werden:
%1</translation>
    </message>
    <message>
        <source>No runs match these filters.</source>
        <translation>Keine Läufe passen zu diesen Filtern.</translation>
    </message>
    <message>
        <source>No runs yet. Runs you start from a CCDash recommendation or a typed command are recorded here, with their output, approvals and exit codes.</source>
        <translation>Noch keine Läufe. Läufe, die Sie aus einer CCDash-Empfehlung oder einem eingegebenen Befehl starten, werden hier mit Ausgabe, Freigaben und Exit-Codes aufgezeichnet.</translation>
    </message>
</context>
<context>
    <name>workbench::ui::RunPanel</name>
    <message>
        <source>Select a run to see its status and output, or run a command.</source>
        <translation>Wählen Sie einen Lauf, um Status und Ausgabe zu sehen, oder führen Sie einen Befehl aus.</translation>
    </message>
    <message>
        <source>Run command</source>
        <translation>Befehl des Laufs</translation>
    </message>
    <message>
        <source>Working dir:</source>
        <translation>Arbeitsverz.:</translation>
    </message>
    <message>
        <source>Rule:</source>
        <translation>Regel:</translation>
    </message>
    <message>
        <source>Started:</source>
        <translation>Gestartet:</translation>
    </message>
    <message>
        <source>Ended:</source>
        <translation>Beendet:</translation>
    </message>
    <message>
        <source>Elapsed:</source>
        <translation>Dauer:</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>Ergebnis:</translation>
    </message>
    <message>
        <source>Review &amp;Approval…</source>
        <translation>&amp;Freigabe prüfen…</translation>
    </message>
    <message>
        <source>&amp;Cancel Run</source>
        <translation>Lauf &amp;abbrechen</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Copy with C&amp;ommand</source>
        <translation>Mit &amp;Befehl kopieren</translation>
    </message>
    <message>
        <source>Copy the working directory, the command and all of its output</source>
        <translation>Arbeitsverzeichnis, Befehl und die gesamte Ausgabe kopieren</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>manuell</translation>
    </message>
    <message>
        <source>not started (created %1)</source>
        <translation>nicht gestartet (erstellt %1)</translation>
    </message>
    <message>
        <source>audit verified</source>
        <translation>Audit bestätigt</translation>
    </message>
    <message>
        <source>audit unsealed</source>
        <translation>Audit unversiegelt</translation>
    </message>
    <message>
        <source>audit unchained</source>
        <translation>Audit unverkettet</translation>
    </message>
    <message>
        <source>audit TAMPERED</source>
        <translation>Audit MANIPULIERT</translation>
    </message>
    <message>
        <source>audit unknown</source>
        <translation>Audit unbekannt</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>could not start: %1</source>
        <translation>konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>killed by signal %1 (%2)</source>
        <translation>durch Signal %1 beendet (%2)</translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation>Exit-Code %1</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>Zeitlimit überschritten</translation>
    </message>
    <message>
        <source>canceled: %1</source>
        <translation>abgebrochen: %1</translation>
    </message>
    <message>
        <source>stopped: events could not be stored</source>
        <translation>beendet: Ereignisse konnten nicht gespeichert werden</translation>
    </message>
    <message>
        <source>blocked by policy</source>
        <translation>durch die Richtlinie blockiert</translation>
    </message>
    <message>
        <source>not approved yet</source>
        <translation>noch nicht freigegeben</translation>
    </message>
    <message>
        <source>running…</source>
        <translation>läuft…</translation>
    </message>
    <message>
        <source>Retry failed run?</source>
        <translation>Fehlgeschlagenen Lauf wiederholen?</translation>
    </message>
    <message>
        <source>Retry failed run? This will launch a new execution run, checked by the policy again.</source>
        <translation>Fehlgeschlagenen Lauf wiederholen? Dabei wird ein neuer Lauf gestartet, den die Richtlinie erneut prüft.</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
</context>
<context>
    <name>workbench::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>CCDash</source>
        <translation>CCDash</translation>
    </message>
    <message>
        <source>CCDash URL</source>
        <translation>CCDash-URL</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>CCDash API token</source>
        <translation>CCDash-API-Token</translation>
    </message>
    <message>
        <source>unchanged (current: %1)</source>
        <translation>unverändert (aktuell: %1)</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>Vergessen</translation>
    </message>
    <message>
        <source>Forget the stored token</source>
        <translation>Das gespeicherte Token vergessen</translation>
    </message>
    <message>
        <source>API &amp;token:</source>
        <translation>API-&amp;Token:</translation>
    </message>
    <message>
        <source>Kept in the system keychain, never in the settings file.</source>
        <translation>Wird im Schlüsselbund des Systems aufbewahrt, nie in der Einstellungsdatei.</translation>
    </message>
    <message>
        <source>Run history database</source>
        <translation>Datenbank für den Verlauf</translation>
    </message>
    <message>
        <source>default SQLite file, or /path/file.db, or postgresql://user@host/db</source>
        <translation>Standard-SQLite-Datei, /pfad/datei.db oder postgresql://benutzer@host/db</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <source>A change applies the next time the workbench starts.</source>
        <translation>Eine Änderung gilt ab dem nächsten Start der Workbench.</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Agent launcher</source>
        <translation>Agent-Starter</translation>
    </message>
    <message>
        <source>How Claude Code slash commands run; {command} is replaced by the quoted slash command.</source>
        <translation>Wie Slash-Befehle von Claude Code ausgeführt werden; {command} wird durch den gequoteten Slash-Befehl ersetzt.</translation>
    </message>
    <message>
        <source>&amp;Agent launcher:</source>
        <translation>&amp;Agent-Starter:</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>no timeout</source>
        <translation>kein Zeitlimit</translation>
    </message>
    <message>
        <source>Default timeout</source>
        <translation>Standard-Zeitlimit</translation>
    </message>
    <message>
        <source>Default &amp;timeout:</source>
        <translation>Standard-&amp;Zeitlimit:</translation>
    </message>
    <message>
        <source> MiB per stream</source>
        <translation> MiB je Datenstrom</translation>
    </message>
    <message>
        <source>no cap</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <source>Output cap</source>
        <translation>Ausgabegrenze</translation>
    </message>
    <message>
        <source>&amp;Output cap:</source>
        <translation>&amp;Ausgabegrenze:</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>Approval expiry</source>
        <translation>Ablauf von Freigaben</translation>
    </message>
    <message>
        <source>Pending approvals &amp;expire after:</source>
        <translation>Offene Freigabeanfragen laufen ab &amp;nach:</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <source>&amp;Notify me when a run ends while the window is in the background</source>
        <translation>&amp;Benachrichtigen, wenn ein Lauf endet, während das Fenster im Hintergrund ist</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Only for runs longer than</source>
        <translation>Nur für Läufe länger als</translation>
    </message>
    <message>
        <source>Only for runs longer than:</source>
        <translation>Nur für Läufe länger als:</translation>
    </message>
    <message>
        <source>will be removed from the keychain</source>
        <translation>wird aus dem Schlüsselbund entfernt</translation>
    </message>
    <message>
        <source>&lt;b&gt;Applies on restart&lt;/b&gt;: the workbench keeps using the current database until then.</source>
        <translation>&lt;b&gt;Gilt nach einem Neustart&lt;/b&gt;: Bis dahin verwendet die Workbench weiter die aktuelle Datenbank.</translation>
    </message>
    <message>
        <source>The CCDash URL must be an http:// or https:// address with a host, e.g. http://127.0.0.1:8000.</source>
        <translation>Die CCDash-URL muss eine http://- oder https://-Adresse mit Host sein, z. B. http://127.0.0.1:8000.</translation>
    </message>
    <message>
        <source>The database setting cannot be used: %1</source>
        <translation>Die Datenbankeinstellung kann nicht verwendet werden: %1</translation>
    </message>
</context>
<context>
    <name>workbench::ui::StatusChip</name>
    <message>
        <source>queued</source>
        <translation>wartend</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>erfolgreich</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>canceled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>blocked</source>
        <translation>blockiert</translation>
    </message>
    <message>
        <source>allowed</source>
        <translation>erlaubt</translation>
    </message>
    <message>
        <source>needs approval</source>
        <translation>Freigabe nötig</translation>
    </message>
    <message>
        <source>denied</source>
        <translation>verweigert</translation>
    </message>
    <message>
        <source>low risk</source>
        <translation>geringes Risiko</translation>
    </message>
    <message>
        <source>medium risk</source>
        <translation>mittleres Risiko</translation>
    </message>
    <message>
        <source>high risk</source>
        <translation>hohes Risiko</translation>
    </message>
</context>
<context>
    <name>workbench::ui::WorkspacePolicyDialog</name>
    <message>
        <source>Trust Workspace Policy</source>
        <translation>Richtlinie des Arbeitsbereichs vertrauen</translation>
    </message>
    <message>
        <source>This workspace carries its own policy file. A repository can come from anyone, so the file may only make the policy stricter, unless you trust this exact file. Trust is bound to its SHA-256: any edit to the file withdraws it.</source>
        <translation>Dieser Arbeitsbereich bringt eine eigene Richtliniendatei mit. Ein Repository kann von jedem stammen, daher darf die Datei die Richtlinie nur verschärfen, es sei denn, Sie vertrauen genau dieser Datei. Das Vertrauen ist an ihren SHA-256 gebunden: Jede Änderung an der Datei entzieht es.</translation>
    </message>
    <message>
        <source>Policy file</source>
        <translation>Richtliniendatei</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>(unreadable)</source>
        <translation>(nicht lesbar)</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>SHA-256:</source>
        <translation>SHA-256:</translation>
    </message>
    <message>
        <source>The workspace has no policy file.</source>
        <translation>Der Arbeitsbereich hat keine Richtliniendatei.</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>Die Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The file is refused, the built-in rules apply: %1</source>
        <translation>Die Datei wird abgelehnt, es gelten die eingebauten Regeln: %1</translation>
    </message>
    <message>
        <source>This file is already trusted: its rules may also loosen the policy.</source>
        <translation>Dieser Datei wird bereits vertraut: Ihre Regeln dürfen die Richtlinie auch lockern.</translation>
    </message>
    <message>
        <source>Not trusted: its rules may only make the policy stricter.</source>
        <translation>Nicht vertraut: Ihre Regeln dürfen die Richtlinie nur verschärfen.</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Nothing: every rule in this file already applies, because it only makes the policy stricter.</source>
        <translation>Nichts: Jede Regel dieser Datei gilt bereits, weil sie die Richtlinie nur verschärft.</translation>
    </message>
    <message>
        <source>These rules loosen the policy (they apply because the file is trusted):</source>
        <translation>Diese Regeln lockern die Richtlinie (sie gelten, weil der Datei vertraut wird):</translation>
    </message>
    <message>
        <source>Trusting would also apply these rules, which loosen the policy:</source>
        <translation>Mit dem Vertrauen gälten auch diese Regeln, die die Richtlinie lockern:</translation>
    </message>
    <message>
        <source>What trust changes:</source>
        <translation>Was das Vertrauen ändert:</translation>
    </message>
    <message>
        <source>Contents of the policy file</source>
        <translation>Inhalt der Richtliniendatei</translation>
    </message>
    <message>
        <source>Only the first %1 KiB of the file are shown.</source>
        <translation>Nur die ersten %1 KiB der Datei werden angezeigt.</translation>
    </message>
    <message>
        <source>&amp;Trust This File</source>
        <translation>Dieser Datei &amp;vertrauen</translation>
    </message>
</context>
</TS>
