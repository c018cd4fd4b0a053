-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "gpuMillis" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "gpuModel" TEXT,
ADD COLUMN     "secretEnvCipher" TEXT,
ADD COLUMN     "skuVersionId" TEXT,
ADD COLUMN     "testLaunch" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Deployment_projectId_desired_idx" ON "Deployment"("projectId", "desired");

-- CreateIndex
CREATE INDEX "Deployment_skuVersionId_idx" ON "Deployment"("skuVersionId");

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_skuVersionId_fkey" FOREIGN KEY ("skuVersionId") REFERENCES "SkuVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
