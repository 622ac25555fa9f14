#pragma once
// The live output pane: a custom-painted, model-backed text view (OutputTextView) plus a find
// bar and a few toggles (OutputView).
//
// OutputTextView paints only the visible lines of a RunOutputModel with a fixed line height and
// a cell grid (monospace), so its cost does not grow with the amount of output: appends are
// O(new lines), painting is O(visible lines). It follows the tail while the user is at the
// bottom, stops when they scroll up and offers "Jump to latest".

#include "models/outputlinks.h"
#include "models/runoutputmodel.h"
#include "ui/outputcolors.h"

#include <QAbstractScrollArea>
#include <QCache>
#include <QElapsedTimer>
#include <QFont>
#include <QPointer>
#include <QWidget>

#include <array>
#include <deque>
#include <functional>
#include <optional>
#include <vector>

class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QToolBar;
class QToolButton;
class QTimer;

namespace workbench::ui {

// A place in the output: absolute line number (counting dropped lines) and character index.
struct OutputPosition
{
    qint64 line = 0;
    qsizetype column = 0;

    friend bool operator==(const OutputPosition &, const OutputPosition &) = default;
    friend auto operator<=>(const OutputPosition &, const OutputPosition &) = default;
};

// How a character is drawn (before selection), for tests and accessibility.
struct CharacterFormat
{
    QColor foreground;
    QColor background;
    QFont font;
    bool link = false;
};

class OutputTextView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    explicit OutputTextView(QWidget *parent = nullptr);
    ~OutputTextView() override;

    void setModel(models::RunOutputModel *model);
    models::RunOutputModel *model() const { return m_model; }

    void setWordWrap(bool wrap);
    bool wordWrap() const { return m_wordWrap; }
    void setTimestampsVisible(bool visible);
    bool timestampsVisible() const { return m_timestampsVisible; }
    // Relative paths in file links are resolved against this directory (the run's cwd).
    void setWorkingDirectory(const QString &directory) { m_workingDirectory = directory; }
    QString workingDirectory() const { return m_workingDirectory; }

    bool isFollowingTail() const { return m_followTail; }
    void jumpToLatest();

    // Search: every match is highlighted; the current one is scrolled into view.
    void setSearch(const QString &text, Qt::CaseSensitivity sensitivity);
    QString searchText() const { return m_searchText; }
    int matchCount() const { return int(m_matches.size()); }
    bool matchCountCapped() const { return m_matchesCapped; }
    int currentMatch() const { return m_currentMatch; } // -1 when none
    void findNext();
    void findPrevious();

    bool hasSelection() const { return m_selectionAnchor != m_selectionCursor; }
    QString selectedText() const;
    QString allText() const;
    void setSelection(const OutputPosition &anchor, const OutputPosition &cursor);
    void selectAll();
    void clearSelection();
    void copySelection() const;
    void copyAll() const;

    // Geometry, for tests and accessibility: where a line/character is painted, in viewport
    // coordinates (an invalid rect when it is not visible), and what is at a viewport point.
    QRect characterRect(const OutputPosition &position) const;
    OutputPosition positionAt(const QPoint &viewportPoint) const;
    // File links on the line of a model row (cached).
    QList<models::FileLink> fileLinks(int row) const;
    int firstVisibleVisualRow() const;
    CharacterFormat characterFormat(const OutputPosition &position) const;

    QAction *copyAction() const { return m_copyAction; }
    QAction *copyAllAction() const { return m_copyAllAction; }
    QAction *selectAllAction() const { return m_selectAllAction; }
    // Extra entries for the context menu (find, toggles) supplied by the owner.
    void setExtraContextActions(const QList<QAction *> &actions) { m_extraContextActions = actions; }

    const OutputColors &colors() const { return m_colors; }

Q_SIGNALS:
    void followTailChanged(bool following);
    void searchResultsChanged(int current, int total);
    void fileLinkActivated(const QString &absolutePath, int line, int column);
    void hyperlinkActivated(const QString &target);
    void selectionChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    struct Match
    {
        qint64 line;
        qsizetype start;
        qsizetype length;
    };
    struct LineLayout; // per painted line: cell of every character

    // Model notifications.
    void onRowsInserted(int first, int last);
    void onRowsAboutToBeRemoved(int first, int last);
    void onRowsRemoved(int first, int last);
    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);
    void onModelReset();

    // Layout.
    void updateMetrics();
    void rebuildRowLayout();
    int rowsForColumns(int columns) const;
    int wrapColumns() const;
    int textLeft() const;
    int bannerRows() const;
    qint64 totalVisualRows() const;
    qint64 firstVisualRowOfLine(int row) const;
    // Model row and sub-row at a visual row; row -1 for the "earlier lines" banner.
    std::pair<int, int> lineAtVisualRow(qint64 visualRow) const;
    int visibleRowCount() const;
    void updateScrollBars();
    void requestRepaint();
    void scrollToBottom();
    void setFollowTail(bool follow);
    void ensureVisible(const OutputPosition &position);

    // Painting.
    void paintLine(QPainter &painter, int row, int firstSubRow, int y, const QRect &clip) const;
    const QFont &fontFor(const models::TextStyle &style, bool link) const;
    QColor defaultForeground(const models::OutputLine &line) const;
    CharacterFormat formatFor(const models::OutputLine &line, const models::StyledSpan *span, bool inFileLink) const;
    QColor readable(const QColor &foreground, const QColor &background) const;

    // Search.
    void searchRows(int first, int last, std::vector<Match> &out) const;
    void rematchRows(int first, int last);
    void emitSearchResults();

    // Mouse.
    std::optional<models::FileLink> fileLinkAt(const QPoint &viewportPoint) const;
    QString hyperlinkAt(const QPoint &viewportPoint) const;
    void activateLinkAt(const QPoint &viewportPoint);
    OutputPosition clampPosition(const OutputPosition &position) const;
    QString lineText(qint64 line) const;

    QPointer<models::RunOutputModel> m_model;
    QList<QMetaObject::Connection> m_modelConnections;

    bool m_wordWrap = false;
    bool m_timestampsVisible = false;
    bool m_followTail = true;
    bool m_adjustingScroll = false;
    QString m_workingDirectory;

    QFont m_font;
    mutable std::array<QFont, 16> m_fontVariants; // bold|italic|underline|strikeout
    mutable std::array<bool, 16> m_fontVariantReady{};
    qreal m_charWidth = 8;
    int m_lineHeight = 16;
    int m_ascent = 12;
    OutputColors m_colors;
    mutable QHash<quint64, QRgb> m_readableCache;

    // Wrapped layout: cumulative visual rows at the end of each model row, offset by m_rowBase
    // so dropping rows at the front is O(dropped).
    std::deque<qint64> m_rowEnds;
    qint64 m_rowBase = 0;
    int m_layoutColumns = 0;
    int m_maxColumns = 0;
    qint64 m_pendingRemovedVisualRows = 0;

    QString m_searchText;
    Qt::CaseSensitivity m_searchCase = Qt::CaseInsensitive;
    std::vector<Match> m_matches; // sorted by line, start
    bool m_matchesCapped = false;
    int m_currentMatch = -1;

    OutputPosition m_selectionAnchor;
    OutputPosition m_selectionCursor;
    bool m_selecting = false;
    QPoint m_pressPoint;
    bool m_pressMoved = false;

    mutable QCache<qint64, QList<models::FileLink>> m_linkCache;

    QTimer *m_repaintTimer = nullptr;
    QElapsedTimer m_sinceLastPaint;
    QToolButton *m_jumpButton = nullptr;
    QAction *m_copyAction = nullptr;
    QAction *m_copyAllAction = nullptr;
    QAction *m_selectAllAction = nullptr;
    QList<QAction *> m_extraContextActions;
};

// Find bar: text, "3 of 17", previous/next, case toggle, close.
class OutputFindBar : public QWidget
{
    Q_OBJECT

public:
    explicit OutputFindBar(OutputTextView *view, QWidget *parent = nullptr);

    QLineEdit *lineEdit() const { return m_edit; }
    QLabel *resultLabel() const { return m_resultLabel; }
    QToolButton *caseButton() const { return m_caseButton; }
    void activate(); // show, focus, select the text

Q_SIGNALS:
    void closeRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applySearch();
    void updateResult(int current, int total);

    OutputTextView *m_view;
    QLineEdit *m_edit;
    QLabel *m_resultLabel;
    QToolButton *m_previousButton;
    QToolButton *m_nextButton;
    QToolButton *m_caseButton;
    QToolButton *m_closeButton;
    QTimer *m_debounce;
};

// The pane: toolbar toggles, the text view, the find bar.
class OutputView : public QWidget
{
    Q_OBJECT

public:
    // Opens a file link; returns false when it could not (the default opener is then tried).
    using FileOpener = std::function<bool(const QString &absolutePath, int line, int column)>;

    explicit OutputView(QWidget *parent = nullptr);

    void setModel(models::RunOutputModel *model) { m_textView->setModel(model); }
    OutputTextView *textView() const { return m_textView; }
    OutputFindBar *findBar() const { return m_findBar; }
    QToolBar *toolBar() const { return m_toolBar; }
    void setWorkingDirectory(const QString &directory) { m_textView->setWorkingDirectory(directory); }
    // An editor command configured by the user (launched by the app layer); QDesktopServices
    // opens the file when it is unset or fails.
    void setFileOpener(FileOpener opener) { m_fileOpener = std::move(opener); }

    QAction *findAction() const { return m_findAction; }
    QAction *findNextAction() const { return m_findNextAction; }
    QAction *findPreviousAction() const { return m_findPreviousAction; }
    QAction *wrapAction() const { return m_wrapAction; }
    QAction *timestampsAction() const { return m_timestampsAction; }

private:
    void openFileLink(const QString &absolutePath, int line, int column);
    void openHyperlink(const QString &target);

    QToolBar *m_toolBar;
    OutputTextView *m_textView;
    OutputFindBar *m_findBar;
    QAction *m_findAction;
    QAction *m_findNextAction;
    QAction *m_findPreviousAction;
    QAction *m_wrapAction;
    QAction *m_timestampsAction;
    FileOpener m_fileOpener;
};

} // namespace workbench::ui
