-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "stopAt" TIMESTAMP(3);
