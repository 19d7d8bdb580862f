-- doc_edits packs an hour's edits per document into one row (about 25 bytes an edit instead of a row).
-- The rows of 0002's shape are dropped: the cursors are reset so that what the log still holds is read back.
DROP TABLE "doc_edits";--> statement-breakpoint
DELETE FROM "doc_edit_cursors";--> statement-breakpoint
CREATE TABLE "doc_edits" (
	"workspace_id" text NOT NULL,
	"doc" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"users" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"edits" "bytea" NOT NULL,
	CONSTRAINT "doc_edits_workspace_id_doc_hour_pk" PRIMARY KEY("workspace_id","doc","hour")
);--> statement-breakpoint
ALTER TABLE "doc_edits" ADD CONSTRAINT "doc_edits_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;
