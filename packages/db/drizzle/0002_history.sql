CREATE TABLE "doc_edit_cursors" (
	"workspace_id" text NOT NULL,
	"doc" text NOT NULL,
	"seq" bigint NOT NULL,
	CONSTRAINT "doc_edit_cursors_workspace_id_doc_pk" PRIMARY KEY("workspace_id","doc")
);
--> statement-breakpoint
CREATE TABLE "doc_edits" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"doc" text NOT NULL,
	"kind" text NOT NULL,
	"entry_id" text NOT NULL,
	"field" text DEFAULT '' NOT NULL,
	"user_id" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "doc_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"doc" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"by" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" text,
	"meeting_id" text,
	"event" text,
	"base_id" text,
	"chain" integer DEFAULT 0 NOT NULL,
	"state" "bytea" NOT NULL,
	"state_vector" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "doc_edit_cursors" ADD CONSTRAINT "doc_edit_cursors_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doc_edits" ADD CONSTRAINT "doc_edits_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doc_versions" ADD CONSTRAINT "doc_versions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "doc_edits_doc_at_idx" ON "doc_edits" USING btree ("workspace_id","doc","at");--> statement-breakpoint
CREATE INDEX "doc_edits_entry_idx" ON "doc_edits" USING btree ("workspace_id","entry_id","at");--> statement-breakpoint
CREATE INDEX "doc_versions_doc_at_idx" ON "doc_versions" USING btree ("workspace_id","doc","at");--> statement-breakpoint
CREATE INDEX "doc_versions_meeting_idx" ON "doc_versions" USING btree ("workspace_id","meeting_id");