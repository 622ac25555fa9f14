#pragma once
// Exports one stored run (its events and approvals) to a file or a byte buffer, as plain text,
// the exact raw bytes, standalone HTML with colours, CCDash's JSON DTOs, or an asciinema v2 cast.
// No widgets: the CLI's `export` command and the GUI's run panel both call this.
#include "models/executiontypes.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringView>
#include <optional>

namespace workbench::models {
class ExecutionRepository;
}

namespace workbench::app {

enum class ExportFormat { Text, Raw, Html, Json, Cast };

std::optional<ExportFormat> exportFormatFromString(QStringView name); // "text" | "raw" | "html" | "json" | "cast"
QString toString(ExportFormat format);
QString fileSuffix(ExportFormat format);                               // "txt", "raw", "html", "json", "cast"

struct ExportError
{
    enum class Kind {
        None,
        UnknownRun,   // no run with that id
        Store,        // the store could not be read
        FileExists,   // the target exists and overwrite was not asked for
        Write,        // the file could not be written (permissions, full disk...); nothing was left behind
    };
    Kind kind = Kind::None;
    QString message;
};

// Everything an export needs, read from the store in one go.
struct RunRecord
{
    models::ExecutionRun run;
    QList<models::RunEvent> events;     // sequence order
    QList<models::Approval> approvals;  // oldest first
};

class RunExporter
{
public:
    explicit RunExporter(models::ExecutionRepository &repository);

    // Reads the run, all its events and its approvals. nullopt (and `error` set) on failure.
    std::optional<RunRecord> load(const QString &runId, ExportError *error) const;

    // Renders a loaded run in `format`. Pure: no store access.
    static QByteArray render(const RunRecord &record, ExportFormat format);

    // load() + render(); nullopt (and `error` set) on failure.
    std::optional<QByteArray> exportToBytes(const QString &runId, ExportFormat format, ExportError *error) const;

    // load() + render() + writeFileAtomically(). Returns false (and `error` set) on failure; the
    // target is then untouched.
    bool exportToFile(const QString &runId, ExportFormat format, const QString &path, bool overwrite,
                      ExportError *error) const;

    // Writes through QSaveFile: the file appears complete or not at all. Refuses an existing file
    // unless `overwrite`.
    static bool writeFileAtomically(const QString &path, const QByteArray &bytes, bool overwrite, ExportError *error);

    // The exact bytes one output event carries: the preserved raw bytes ("bytesBase64") when the
    // command wrote invalid UTF-8, otherwise the UTF-8 of its text.
    static QByteArray outputBytes(const models::RunEvent &event);
    // Bytes the output cap dropped at this event (a truncation notice), else 0.
    static qint64 droppedBytes(const models::RunEvent &event);

private:
    models::ExecutionRepository &m_repository;
};

} // namespace workbench::app
