-- AlterTable
ALTER TABLE "DddSnapshot" ADD COLUMN "aangemeld" INTEGER;
ALTER TABLE "DddSnapshot" ADD COLUMN "afgewezen" INTEGER;
ALTER TABLE "DddSnapshot" ADD COLUMN "geenAanmelding" INTEGER;
ALTER TABLE "DddSnapshot" ADD COLUMN "geplaatst" INTEGER;
ALTER TABLE "DddSnapshot" ADD COLUMN "geplaatstMetDdd" INTEGER;
ALTER TABLE "DddSnapshot" ADD COLUMN "mboGestart" INTEGER;
ALTER TABLE "DddSnapshot" ADD COLUMN "nietGestart" INTEGER;
ALTER TABLE "DddSnapshot" ADD COLUMN "zomerlek" INTEGER;

